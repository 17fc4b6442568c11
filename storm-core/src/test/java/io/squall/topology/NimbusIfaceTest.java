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

        @Override
        public void submitTopologyWithOpts(String name, String uploadedJarLocation, String jsonConf,
                                           StormTopology topology, SubmitOptions options) {
        }

        @Override
        public String beginFileUpload() {
            return "upload";
        }

        @Override
        public TopologyHistoryInfo getTopologyHistory(String user) {
            return new TopologyHistoryInfo(List.of());
        }

        @Override
        public void uploadChunk(String location, java.nio.ByteBuffer chunk) {
        }

        @Override
        public void finishFileUpload(String location) {
        }

        @Override
        public void setWorkerProfiler(String id, ProfileRequest request) {
        }

        @Override
        public List<ProfileRequest> getComponentPendingProfileActions(String id, String componentId,
                                                                      ProfileAction action) {
            return List.of();
        }
    }

    /** Two supervisors on two hosts, and "wc" with a worker on each. */
    private static final Nimbus.Iface TWO_HOSTS = new TwoTopologies() {
        @Override
        public ClusterSummary getClusterInfo() {
            return new ClusterSummary(List.of(new SupervisorSummary("h1", 60, 4, 1, "s1"),
                    new SupervisorSummary("h2", 60, 4, 1, "s2")), 60, List.of(WC), NIMBUSES);
        }

        @Override
        public TopologyInfo getTopologyInfo(String id) {
            if (!id.equals("wc") && !id.equals("wc-1-17")) {
                throw new NotAliveException(id);
            }
            return new TopologyInfo("wc-1-17", "wc", 30, List.of(
                    new ExecutorSummary(new ExecutorInfo(1, 2), "split", "h1", 6700, 30, null),
                    new ExecutorSummary(new ExecutorInfo(3, 3), "count", "h1", 6700, 30, null),
                    new ExecutorSummary(new ExecutorInfo(4, 4), "count", "h2", 6701, 30, null)), "ACTIVE", Map.of());
        }
    };

    @Test
    void aSupervisorsPageHasItsSupervisorsAndTheWorkersOnThem() {
        SupervisorPageInfo byId = TWO_HOSTS.getSupervisorPageInfo("s1", null, false);
        assertEquals(List.of("s1"), byId.get_supervisor_summaries().stream()
                .map(SupervisorSummary::get_supervisor_id).toList());
        assertEquals(1, byId.get_worker_summaries_size());
        WorkerSummary w = byId.get_worker_summaries().get(0);
        assertEquals(6700, w.get_port());
        assertEquals("wc", w.get_topology_name());
        assertEquals(Map.of("split", 2L, "count", 1L), w.get_component_to_num_tasks());

        SupervisorPageInfo byHost = TWO_HOSTS.getSupervisorPageInfo(null, "h2", false);
        assertEquals("s2", byHost.get_supervisor_summaries().get(0).get_supervisor_id());
        assertEquals(6701, byHost.get_worker_summaries().get(0).get_port());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TWO_HOSTS.getSupervisorPageInfo("s9", null, false));
        assertTrue(e.getMessage().contains("'s9'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TWO_HOSTS.getSupervisorPageInfo(null, "h9", false));
        assertTrue(e.getMessage().contains("'h9'"), e.getMessage());
    }

    @Test
    void ownersResourcesAreTheirRunningTopologiesTotals() {
        List<OwnerResourceSummary> all = CLIENT.getOwnerResourceSummaries(null);
        assertEquals(all.stream().map(OwnerResourceSummary::get_owner).sorted().toList(),
                all.stream().map(OwnerResourceSummary::get_owner).toList(), "sorted by owner");
        int executors = 0;
        int topologies = 0;
        for (OwnerResourceSummary o : all) {
            executors += o.get_total_executors();
            topologies += o.get_total_topologies();
            assertFalse(o.is_set_memory_usage(), "no resource-aware scheduler");
        }
        assertEquals(2, topologies);
        assertEquals(WC.get_num_executors() + CLICKS.get_num_executors(), executors);
        String wcOwner = WC.get_owner() == null ? "unknown" : WC.get_owner();
        assertEquals(wcOwner, CLIENT.getOwnerResourceSummaries(wcOwner).get(0).get_owner());
        assertEquals(List.of(), CLIENT.getOwnerResourceSummaries("nobody"));
    }

    @Test
    void aSubmissionsJsonConfMustBeAnObject() {
        assertEquals(Map.of("topology.workers", 2L), Nimbus.confOf("{\"topology.workers\": 2}"));
        assertEquals(Map.of(), Nimbus.confOf(null));
        for (String bad : new String[] {"[1]", "{\"a\": ", "workers=2"}) {
            InvalidTopologyException e = assertThrows(InvalidTopologyException.class, () -> Nimbus.confOf(bad));
            assertTrue(e.getMessage().contains("jsonConf") && e.getMessage().contains("JSONValue.toJSONString"),
                    e.getMessage());
        }
    }

    @Test
    void aProfileRequestNamesOneWorker() {
        ProfileRequest r = new ProfileRequest(new NodeInfo("h1", java.util.Set.of(6700L)), ProfileAction.JSTACK_DUMP);
        assertEquals("h1:6700", r.worker());
        assertFalse(r.is_set_time_stamp());
        r.set_time_stamp(5);
        assertEquals(r, new ProfileRequest(r));
        assertEquals(ProfileAction.JVM_RESTART, ProfileAction.findByValue(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProfileRequest(
                new NodeInfo("h1", java.util.Set.of(6700L, 6701L)), ProfileAction.JSTACK_DUMP).worker());
        assertTrue(e.getMessage().contains("one port"), e.getMessage());
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
