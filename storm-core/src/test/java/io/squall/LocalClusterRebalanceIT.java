package io.squall;

import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LocalCluster#rebalance} as Storm's Nimbus does it, on simulated time: it returns at once, the topology is
 * {@code REBALANCING} with its spouts deactivated for the wait, and only once the clock passes the wait does it
 * run again with the new executor counts and its status back.
 */
class LocalClusterRebalanceIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static TopologyBuilder wordCount() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("words", new TestWordSpout(false));
        builder.setBolt("count", new TestWordCounter(), 1).setNumTasks(2).fieldsGrouping("words", new Fields("word"));
        return builder;
    }

    private static long executorsOf(LocalCluster cluster, String component) {
        return cluster.getTopologyInfo("rb").get_executors().stream().map(ExecutorSummary::get_component_id)
                .filter(component::equals).count();
    }

    private static String status(LocalCluster cluster) {
        return cluster.getClusterInfo().get_topologies().get(0).get_status();
    }

    private static RebalanceOptions options(int waitSecs, Map<String, Integer> executors) {
        RebalanceOptions o = new RebalanceOptions();
        o.set_wait_secs(waitSecs);
        o.set_num_executors(executors);
        return o;
    }

    @Test
    @Timeout(60)
    void returnsAtOnceAndRestartsWithTheNewCountsOnlyAfterTheWait() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            cluster.submitTopology("rb", new Config(), wordCount().createTopology());
            assertEquals(1, executorsOf(cluster, "count"));

            cluster.rebalance("rb", options(30, Map.of("count", 2)));
            assertEquals("REBALANCING", status(cluster));
            assertEquals("REBALANCING", cluster.getTopologyInfo("rb").get_status());
            assertFalse(cluster.isActive("rb"), "its spouts are deactivated for the wait");
            assertEquals(30, cluster.rebalancingInSecs("rb"));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cluster.activate("rb"));
            assertTrue(refused.getMessage().contains("'rb': it is rebalancing, for 30 s more"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> cluster.rebalance("rb", options(0, Map.of())));

            cluster.advanceClusterTime(29);
            assertEquals("REBALANCING", status(cluster), "29 of its 30 s");
            assertEquals(1, executorsOf(cluster, "count"));

            cluster.advanceClusterTime(2);
            Await.until(DEADLINE, () -> executorsOf(cluster, "count") == 2 && "ACTIVE".equals(status(cluster)),
                    () -> "two count executors and ACTIVE; status " + status(cluster));
            assertTrue(cluster.isActive("rb"));
            assertFalse(cluster.isRebalancing("rb"));
        }
    }

    @Test
    @Timeout(60)
    void aDeactivatedTopologyStaysDeactivatedAndAKillCancelsARebalance() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            cluster.submitTopology("rb", new Config(), wordCount().createTopology());
            cluster.deactivate("rb");
            cluster.rebalance("rb", options(5, Map.of("count", 2)));
            cluster.advanceClusterTime(6);
            Await.until(DEADLINE, () -> executorsOf(cluster, "count") == 2 && "INACTIVE".equals(status(cluster)),
                    () -> "two count executors and INACTIVE; status " + status(cluster));

            cluster.rebalance("rb", options(5, Map.of("count", 1)));
            cluster.killTopology("rb");
            cluster.advanceClusterTime(10);
            cluster.submitTopology("rb", new Config(), wordCount().createTopology());
            cluster.advanceClusterTime(10);
            assertEquals("ACTIVE", status(cluster), "the killed topology's rebalance does not touch its successor");
            assertEquals(1, executorsOf(cluster, "count"));
        }
    }

    @Test
    @Timeout(60)
    void aBadRequestIsRefusedBeforeAnythingStops() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            cluster.submitTopology("rb", new Config(), wordCount().createTopology());
            InvalidTopologyException tooMany = assertThrows(InvalidTopologyException.class,
                    () -> cluster.rebalance("rb", options(0, Map.of("count", 3))));
            assertTrue(tooMany.getMessage().contains("count"), tooMany.getMessage());
            InvalidTopologyException unknown = assertThrows(InvalidTopologyException.class,
                    () -> cluster.rebalance("rb", options(0, Map.of("nosuch", 1))));
            assertTrue(unknown.getMessage().contains("nosuch"), unknown.getMessage());
            assertEquals("ACTIVE", status(cluster));
            assertTrue(cluster.isActive("rb"));
        }
    }
}
