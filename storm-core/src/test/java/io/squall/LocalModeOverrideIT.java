package io.squall;

import io.squall.testing.TestWordSpout;
import io.squall.topology.GetInfoOptions;
import io.squall.topology.Nimbus;
import io.squall.topology.NumErrorsChoice;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.TopologyInitialStatus;
import io.squall.topology.TopologySummary;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * As in Storm 2, an open {@link LocalCluster} is where this JVM's {@code SquallSubmitter} and {@code NimbusClient}
 * go, and {@link LocalCluster#withLocalModeOverride} runs a topology's {@code main} against one.
 */
class LocalModeOverrideIT {
    private static io.squall.topology.StormTopology words() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        return b.createTopology();
    }

    @Test
    @Timeout(60)
    void anOpenLocalClusterTakesTheSubmissionsOfThisJvm() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            assertSame(cluster, SquallSubmitter.getLocalOverride());
            try (LocalCluster second = new LocalCluster()) {
                assertSame(cluster, SquallSubmitter.getLocalOverride(), "the first one open keeps them");
                assertTrue(second.getTopologyNames().isEmpty());
            }
            assertSame(cluster, SquallSubmitter.getLocalOverride(), "closing the second leaves the first's");

            SquallSubmitter.submitTopology("submitted", Map.of(), words());
            assertTrue(cluster.isRunning("submitted"));
            SquallSubmitter.submitTopology("quiet", Map.of(), words(), new SubmitOptions(TopologyInitialStatus.INACTIVE),
                    null);
            assertEquals("INACTIVE", cluster.getTopologySummaryByName("quiet").get_status());
            cluster.killTopology("quiet");
            List<TopologySummary> listed = NimbusClient.getConfiguredClient(Map.of()).getClient().getClusterInfo()
                    .get_topologies();
            assertEquals(List.of("submitted"), listed.stream().map(TopologySummary::get_name).toList(),
                    "NimbusClient reaches the local cluster too");
            Nimbus.Iface client = NimbusClient.getConfiguredClient(Map.of()).getClient();
            assertTrue(client.getLeader().is_isLeader());
            assertEquals("localhost", client.getLeader().get_host());
            assertFalse(client.isTopologyNameAllowed("submitted"), "a running topology's name");
            assertTrue(client.isTopologyNameAllowed("another"));
            assertFalse(client.isTopologyNameAllowed("a.b"));
            assertTrue(client.getNimbusConf().contains("\"topology.message.timeout.secs\":30"),
                    client.getNimbusConf());
            ILocalCluster storms = cluster; // What Storm's ILocalCluster declares.
            String id = storms.getTopologySummaryByName("submitted").get_id();
            assertEquals("submitted", storms.getTopologySummary(id).get_name());
            assertEquals(1, storms.getTopologySummaries().size());
            GetInfoOptions none = new GetInfoOptions();
            none.set_num_err_choice(NumErrorsChoice.NONE);
            assertEquals(id, storms.getTopologyInfoByNameWithOpts("submitted", none).get_id());
            assertTrue(storms.getTopologyConf(id).startsWith("{"));
        }
        assertFalse(SquallSubmitter.isLocalOverride(), "closed, it takes no more");
    }

    @Test
    @Timeout(60)
    void theLocalNimbusConfHoldsTheDaemonConfButNoSecret() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withDaemonConf("ui.password", "hunter2")
                .withDaemonConf("squall.team", "blue").build()) {
            String conf = cluster.getNimbusConf();
            assertTrue(conf.contains("\"squall.team\":\"blue\""), conf);
            assertFalse(conf.contains("ui.password") || conf.contains("hunter2"), conf);
        }
    }

    @Test
    @Timeout(60)
    void withLocalModeOverrideRunsAMainAgainstALocalClusterAndGivesBackItsResult() throws Exception {
        String seen = LocalCluster.withLocalModeOverride(() -> {
            SquallSubmitter.submitTopology("from-main", Map.of(), words());
            LocalCluster running = SquallSubmitter.getLocalOverride();
            return running.getTopologyNames().toString();
        }, 0);
        assertEquals("[from-main]", seen);
        assertFalse(SquallSubmitter.isLocalOverride(), "the cluster is closed once the time has passed");
    }
}
