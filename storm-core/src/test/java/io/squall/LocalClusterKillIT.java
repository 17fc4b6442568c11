package io.squall;

import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.AlreadyAliveException;
import io.squall.topology.KillOptions;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LocalCluster#killTopologyWithOpts} as Storm's Nimbus does it, on simulated time: it returns at once, the
 * topology is {@code KILLED} with its spouts deactivated and its name still taken for the wait, and it goes only
 * once the clock passes the wait.
 */
class LocalClusterKillIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static TopologyBuilder wordCount() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("words", new TestWordSpout(false));
        builder.setBolt("count", new TestWordCounter(), 1).setNumTasks(2).fieldsGrouping("words", new Fields("word"));
        return builder;
    }

    private static KillOptions waiting(int secs) {
        KillOptions o = new KillOptions();
        o.set_wait_secs(secs);
        return o;
    }

    private static String status(LocalCluster cluster) {
        return cluster.getClusterInfo().get_topologies().get(0).get_status();
    }

    private static void awaitGone(LocalCluster cluster, String name) {
        Await.until(DEADLINE, () -> !cluster.isRunning(name),
                () -> name + " gone; running " + cluster.getTopologyNames());
    }

    @Test
    @Timeout(60)
    void returnsAtOnceAndTheTopologyGoesOnlyAfterTheWait() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            cluster.submitTopology("k", new Config(), wordCount().createTopology());

            cluster.killTopologyWithOpts("k", waiting(30));
            assertEquals("KILLED", status(cluster));
            assertEquals("KILLED", cluster.getTopologyInfo("k").get_status());
            assertEquals("KILLED", cluster.getStatus("k"));
            assertFalse(cluster.isActive("k"), "its spouts are deactivated for the wait");
            assertEquals(30, cluster.killedInSecs("k"));
            assertEquals(List.of("k"), cluster.getTopologyNames(), "still listed, as Storm lists a KILLED topology");
            assertThrows(AlreadyAliveException.class,
                    () -> cluster.submitTopology("k", new Config(), wordCount().createTopology()));
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cluster.activate("k"));
            assertTrue(refused.getMessage().contains("'k': it is killed and goes in 30 s"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> cluster.deactivate("k"));
            assertThrows(IllegalStateException.class, () -> cluster.rebalance("k", new RebalanceOptions()));

            cluster.advanceClusterTime(29);
            assertTrue(cluster.isRunning("k"), "29 of its 30 s");
            assertEquals("KILLED", status(cluster));

            cluster.advanceClusterTime(2);
            awaitGone(cluster, "k");
            assertEquals(0, cluster.killedInSecs("k"));
            cluster.submitTopology("k", new Config(), wordCount().createTopology());
            assertEquals("ACTIVE", status(cluster), "the name is free again");
        }
    }

    @Test
    @Timeout(60)
    void withoutAWaitItWaitsTheMessageTimeoutAndAnotherKillStartsANewWait() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            Config conf = new Config();
            conf.setMessageTimeoutSecs(12);
            cluster.submitTopology("k", conf, wordCount().createTopology());

            cluster.killTopologyWithOpts("k", new KillOptions());
            assertEquals(12, cluster.killedInSecs("k"), "Storm's default wait: the topology's message timeout");

            cluster.killTopologyWithOpts("k", waiting(3));
            assertEquals(3, cluster.killedInSecs("k"));
            cluster.advanceClusterTime(4);
            awaitGone(cluster, "k");

            cluster.submitTopology("k", conf, wordCount().createTopology());
            cluster.killTopologyWithOpts("k", waiting(20));
            cluster.killTopologyWithOpts("k", waiting(0));
            assertFalse(cluster.isRunning("k"), "a wait of 0 stops it before returning");

            cluster.submitTopology("k", conf, wordCount().createTopology());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> waiting(-1),
                    "a negative wait is refused when the options are made, as Storm's");
            assertTrue(negative.getMessage().contains("at least 0 seconds, got -1"), negative.getMessage());
            assertEquals("ACTIVE", status(cluster));
        }
    }

    @Test
    @Timeout(60)
    void aKillCancelsARebalanceWaitingForItsTuples() throws Exception {
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            cluster.submitTopology("k", new Config(), wordCount().createTopology());
            RebalanceOptions rebalance = new RebalanceOptions();
            rebalance.set_wait_secs(5);
            rebalance.set_num_executors(Map.of("count", 2));
            cluster.rebalance("k", rebalance);
            cluster.killTopologyWithOpts("k", waiting(10));
            assertEquals("KILLED", status(cluster));
            assertFalse(cluster.isRebalancing("k"));

            cluster.advanceClusterTime(6);
            assertEquals("KILLED", status(cluster), "not restarted by the cancelled rebalance");
            assertEquals(1, cluster.getTopologyInfo("k").get_executors().stream()
                    .filter(e -> e.get_component_id().equals("count")).count());
            cluster.advanceClusterTime(5);
            awaitGone(cluster, "k");
        }
    }
}
