package io.squall.daemon.nimbus;

import io.squall.topology.ComponentPageInfo;
import io.squall.topology.ComponentType;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.TopologySummary;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's view of Nimbus's answers carries the executor and task counts and the executors' places Nimbus gives. */
class StormNimbusClientTest {
    @Test
    void aTopologySummaryCarriesNimbussExecutorAndTaskCounts() {
        TopologySummary s = StormNimbusClient.summaryOf(Map.of("id", "wc-1", "name", "wc", "status", "ACTIVE",
                "uptimeSecs", 12, "workers", List.of("h:6700", "h:6701"), "workersRequested", 2, "executors", 7,
                "tasks", 9));
        assertEquals(7, s.get_num_executors());
        assertEquals(9, s.get_num_tasks());
        assertEquals(2, s.get_num_workers());
        assertEquals(12, s.get_uptime_secs());
        assertEquals("wc", s.get_name());
    }

    @Test
    void aComponentsPageHasAnExecutorForEachPlaceNimbusGives() {
        Map<String, Object> topology = Map.of("id", "wc-1", "name", "wc", "status", "ACTIVE", "uptimeSecs", 12);
        Map<String, Object> count = Map.of("id", "count", "kind", "bolt", "executors", List.of(
                Map.of("firstTask", 3, "lastTask", 4, "host", "h1", "port", 6700),
                Map.of("firstTask", 5, "lastTask", 5, "host", "h2", "port", 6701),
                Map.of("firstTask", 6, "lastTask", 6)));
        ComponentPageInfo page = StormNimbusClient.pageOf(topology, count);
        assertEquals("count", page.get_component_id());
        assertEquals(ComponentType.BOLT, page.get_component_type());
        assertEquals("wc-1", page.get_topology_id());
        assertEquals("wc", page.get_topology_name());
        assertEquals(3, page.get_num_executors());
        assertEquals(4, page.get_num_tasks());
        ExecutorSummary first = page.get_exec_stats().get(0).get_exec_summary();
        assertEquals("h1", first.get_host());
        assertEquals(6700, first.get_port());
        assertEquals(3, first.get_executor_info().get_task_start());
        assertEquals(4, first.get_executor_info().get_task_end());
        assertEquals(0, page.get_exec_stats().get(2).get_exec_summary().get_port(), "not placed yet");
        assertEquals(ComponentType.BOLT, page.get_exec_stats().get(1).get_stats().get_type());
        assertEquals(ComponentType.SPOUT, StormNimbusClient.pageOf(topology,
                Map.of("id", "words", "kind", "spout")).get_component_type());
    }

    @Test
    void countsNimbusCouldNotReadAreZero() {
        Map<String, Object> t = new HashMap<>(Map.of("id", "wc-1", "name", "wc", "status", "ACTIVE"));
        t.put("executors", null);
        t.put("tasks", null);
        TopologySummary s = StormNimbusClient.summaryOf(t);
        assertEquals(0, s.get_num_executors());
        assertEquals(0, s.get_num_tasks());
        assertEquals(0, s.get_num_workers());
    }
}
