package io.squall.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's summary look-ups of a Nimbus client, and the stats union's Thrift field ids, as storm-perf uses them. */
class NimbusIfaceTest {
    private static final TopologySummary WC = new TopologySummary("wc-1-17", "wc", 9, 7, 2, 30, "ACTIVE");
    private static final TopologySummary CLICKS = new TopologySummary("clicks-2-18", "clicks", 4, 4, 1, 5, "ACTIVE");

    /** A client of a Nimbus running two topologies; only the cluster summary is asked. */
    private static final Nimbus.Iface CLIENT = new Nimbus.Client() {
        @Override
        public ClusterSummary getClusterInfo() {
            return new ClusterSummary(List.of(), 60, List.of(WC, CLICKS));
        }

        @Override
        public TopologyInfo getTopologyInfo(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StormTopology getTopology(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StormTopology getUserTopology(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getTopologyConf(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void killTopology(String name) {
        }

        @Override
        public void killTopologyWithOpts(String name, KillOptions options) {
        }

        @Override
        public void activate(String name) {
        }

        @Override
        public void deactivate(String name) {
        }

        @Override
        public void rebalance(String name, RebalanceOptions options) {
        }

        @Override
        public void debug(String name, String component, boolean enable, double samplingPercentage) {
        }
    };

    @Test
    void summariesAreFoundByNameAndById() {
        assertEquals(List.of(WC, CLICKS), CLIENT.getTopologySummaries());
        assertEquals(7, CLIENT.getTopologySummaryByName("wc").get_num_executors());
        assertEquals("clicks", CLIENT.getTopologySummary("clicks-2-18").get_name());
        NotAliveException e = assertThrows(NotAliveException.class, () -> CLIENT.getTopologySummaryByName("w"));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        assertThrows(NotAliveException.class, () -> CLIENT.getTopologySummary("wc"));
    }

    @Test
    void theStatsUnionAnswersByThriftFieldIdOneForABoltTwoForASpout() {
        ExecutorSpecificStats spout = ExecutorSpecificStats.spout(new SpoutStats(Map.of(), Map.of(), Map.of()));
        assertTrue(spout.isSet(2));
        assertFalse(spout.isSet(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spout.isSet(3));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }
}
