package io.squall.daemon.ui;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the dashboard reads Nimbus's answers, without a Nimbus. */
class NimbusClusterViewTest {
    private static final long NOW = 1_000_000_000L;

    @Test
    void listsEachSupervisorWithItsSlotsUsedAndFreeAndItsUptime() {
        Map<String, Object> cluster = Map.of("nimbus", "n:6627", "supervisors", List.of(
                Map.of("id", "s2", "host", "hostB", "ports", List.of(6700, 6701), "startTimeMs", NOW - 90_000),
                Map.of("id", "s1", "host", "hostA", "ports", List.of(6700, 6701, 6702), "startTimeMs", NOW - 5_000)));
        ClusterView.ClusterSummary s = NimbusClusterView.clusterSummary(cluster, List.of(),
                Set.of("hostA:6700", "hostA:6702", "hostB:6701", "gone:6700"), NOW);
        assertEquals(List.of(new ClusterView.SupervisorSummary("s1", "hostA", 2, 1, 5, List.of(6700, 6701, 6702)),
                new ClusterView.SupervisorSummary("s2", "hostB", 1, 1, 90, List.of(6700, 6701))), s.supervisorList());
        assertTrue(s.supervisorList().get(1).runs("hostB", 6701));
        assertFalse(s.supervisorList().get(1).runs("hostB", 6702), "another supervisor's slot on the same host");
        assertFalse(s.supervisorList().get(1).runs("hostA", 6701));
        assertEquals(2, s.supervisors());
        assertEquals(5, s.slotsTotal());
        assertEquals(3, s.slotsUsed());
    }

    @Test
    void aFollowerListsItselfAndTheLeaderWhoseUptimeItDoesNotKnow() {
        List<ClusterView.NimbusSummary> n = NimbusClusterView.nimbuses(Map.of("nimbus", "n2:6628", "leader",
                "n1:6627", "isLeader", false, "startTimeMs", NOW - 65_000), NOW);
        assertEquals(List.of("n2", 6628, "Not a Leader", 65L), List.of(n.get(0).host(), n.get(0).port(),
                n.get(0).status(), n.get(0).uptimeSecs()));
        assertEquals(List.of("n1", 6627, "Leader", -1L), List.of(n.get(1).host(), n.get(1).port(), n.get(1).status(),
                n.get(1).uptimeSecs()));
        assertEquals(1, NimbusClusterView.nimbuses(Map.of("nimbus", "n1:6627", "leader", "n1:6627", "isLeader", true,
                "startTimeMs", NOW), NOW).size(), "the leader answering is listed once");
    }

    @Test
    void theGraphReadsNimbussComponentListPastTheFieldsItDraws() {
        List<ClusterView.ComponentInfo> components = NimbusClusterView.componentsOf(List.of(Map.of("id", "count",
                "kind", "bolt", "parallelism", 2, "tasks", 4, "inputs", List.of(), "streams", List.of("default"),
                "executors", List.of(Map.of("firstTask", 1, "lastTask", 2, "host", "h", "port", 6700)))));
        assertEquals(List.of(new ClusterView.ComponentInfo("count", "bolt", 2, 4, List.of(), List.of("default"))),
                components);
    }

    @Test
    void aTopologyOnFewerWorkersThanItAskedForShowsBoth() {
        Map<String, Object> answer = Map.of("name", "wc", "id", "wc-1", "status", "ACTIVE", "uptimeSecs", 12,
                "workers", List.of("h:6700", "h:6701", "h:6702", "h:6703"), "workersRequested", 10, "executors", 7,
                "tasks", 9);
        assertEquals(new ClusterView.TopologySummary("wc", "wc-1", "ACTIVE", 12, 4, 10, 7, 9),
                NimbusClusterView.summaryOf(answer));
    }
}
