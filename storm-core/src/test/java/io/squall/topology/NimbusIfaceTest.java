package io.squall.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's summary look-ups of a Nimbus client, the stats union's Thrift field ids, as storm-perf uses them, and what
 * Storm's client works out from the rest (the leader, allowed names, errors by choice).
 */
class NimbusIfaceTest {
    private static final TopologySummary WC = new TopologySummary("wc-1-17", "wc", 9, 7, 2, 30, "ACTIVE");
    private static final TopologySummary CLICKS = new TopologySummary("clicks-2-18", "clicks", 4, 4, 1, 5, "ACTIVE");

    private static final List<NimbusSummary> NIMBUSES = List.of(new NimbusSummary("n1", 6627, 60, false, "1.0"),
            new NimbusSummary("n2", 6627, 0, true, "unknown"));
    /** Errors of the topology "wc": two of its split, one of its count. */
    private static final Map<String, List<ErrorInfo>> ERRORS = Map.of(
            "split", List.of(new ErrorInfo("older", 100, "h", 1), new ErrorInfo("newer", 200, "h", 1)),
            "count", List.of(new ErrorInfo("only", 150, "h", 2)));

    /** A client of a Nimbus running two topologies; only the cluster summary and "wc"'s detail are asked. */
    private static class TwoTopologies extends Nimbus.Client {
        @Override
        public ClusterSummary getClusterInfo() {
            return new ClusterSummary(List.of(), 60, List.of(WC, CLICKS), NIMBUSES);
        }

        @Override
        public TopologyInfo getTopologyInfo(String id) {
            if (!id.equals("wc") && !id.equals("wc-1-17")) {
                throw new NotAliveException(id);
            }
            return new TopologyInfo("wc-1-17", "wc", 30, List.of(), "ACTIVE", ERRORS);
        }

        @Override
        public String getNimbusConf() {
            return "{}";
        }

        @Override
        public void setLogConfig(String name, LogConfig config) {
        }

        @Override
        public void uploadNewCredentials(String name, Credentials creds) {
        }

        @Override
        public LogConfig getLogConfig(String name) {
            return new LogConfig();
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
    }

    private static final Nimbus.Iface CLIENT = new TwoTopologies();

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
    void theLeaderIsTheNimbusThatLeads() {
        assertEquals("n2", CLIENT.getLeader().get_host());
        Nimbus.Iface electing = new TwoTopologies() {
            @Override
            public ClusterSummary getClusterInfo() {
                return new ClusterSummary(List.of(), 0, List.of(), List.of(NIMBUSES.get(0)));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, electing::getLeader);
        assertTrue(e.getMessage().contains("No Nimbus leads"), e.getMessage());
    }

    @Test
    void aNameIsAllowedWhenNimbusTakesItAndNoTopologyHasIt() {
        assertTrue(CLIENT.isTopologyNameAllowed("fresh"));
        assertFalse(CLIENT.isTopologyNameAllowed("wc"), "a running topology's");
        for (String bad : new String[] {"", " ", "a/b", "a.b", "a:b", "a\\b", null}) {
            assertFalse(CLIENT.isTopologyNameAllowed(bad), "'" + bad + "'");
        }
    }

    @Test
    void getTopologyInfoWithOptsGivesAllNoneOrTheLatestErrorOfEachComponent() {
        GetInfoOptions options = new GetInfoOptions();
        assertEquals(ERRORS, CLIENT.getTopologyInfoWithOpts("wc-1-17", options).get_errors(), "all when unset");
        options.set_num_err_choice(NumErrorsChoice.ALL);
        assertEquals(ERRORS, CLIENT.getTopologyInfoWithOpts("wc-1-17", options).get_errors());
        options.set_num_err_choice(NumErrorsChoice.NONE);
        assertEquals(Map.of(), CLIENT.getTopologyInfoByNameWithOpts("wc", options).get_errors());
        options.set_num_err_choice(NumErrorsChoice.ONE);
        TopologyInfo one = CLIENT.getTopologyInfoWithOpts("wc-1-17", options);
        assertEquals("newer", one.get_errors().get("split").get(0).get_error());
        assertEquals(1, one.get_errors().get("split").size());
        assertEquals("only", one.get_errors().get("count").get(0).get_error());
        assertEquals("wc", one.get_name());
        assertEquals(NumErrorsChoice.ONE, NumErrorsChoice.findByValue(NumErrorsChoice.ONE.getValue()));
        assertThrows(NotAliveException.class, () -> CLIENT.getTopologyInfoWithOpts("gone", options));
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
