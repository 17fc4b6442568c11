package io.squall.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.SquallSubmitter;
import io.squall.metric.api.IMetricsConsumer;
import io.squall.serialization.KryoValuesDeserializer;
import io.squall.serialization.KryoValuesSerializer;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.tuple.Fields;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's Thrift-shaped views, as tools such as storm-loadgen read them: a topology's spouts and bolts with their
 * streams and groupings, a topology's and a component's page, and the Nimbus client under {@code bin/squall local},
 * which answers from the in-process cluster as Storm's local mode does.
 */
@Timeout(60)
class StormThriftViewsIT {
    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 2);
        b.setBolt("count", new TestWordCounter(), 3).fieldsGrouping("words", new Fields("word"))
                .addConfiguration("my.setting", 7);
        b.setBolt("all", new TestWordCounter()).allGrouping("words").globalGrouping("count");
        return b.createTopology();
    }

    @Test
    void aTopologyShowsItsComponentsAsStormsGeneratedClassesDo() throws Exception {
        StormTopology t = topology();
        assertEquals(List.of("words"), List.copyOf(t.get_spouts().keySet()));
        assertEquals(List.of("all", "count"), List.copyOf(new java.util.TreeSet<>(t.get_bolts().keySet())));
        ComponentCommon words = t.get_spouts().get("words").get_common();
        assertEquals(2, words.get_parallelism_hint());
        assertEquals(List.of("word"), words.get_streams().get("default").get_output_fields());
        ComponentCommon count = t.get_bolts().get("count").get_common();
        Grouping byWord = count.get_inputs().get(new GlobalStreamId("words", "default"));
        assertEquals(Grouping._Fields.FIELDS, byWord.getSetField());
        assertEquals(List.of("word"), byWord.get_fields());
        assertEquals(7, new ObjectMapper().readValue(count.get_json_conf(), Map.class).get("my.setting"));
        Map<GlobalStreamId, Grouping> allInputs = t.get_bolts().get("all").get_common().get_inputs();
        assertTrue(allInputs.get(new GlobalStreamId("words", "default")).is_set_all());
        Grouping global = allInputs.get(new GlobalStreamId("count", "default"));
        assertEquals(Grouping._Fields.FIELDS, global.getSetField(), "global is fields with no fields, as in Storm");
        assertEquals(List.of(), global.get_fields());
        assertNull(global.get_custom_serialized());
        assertTrue(t.get_bolts().get("all").get_bolt_object().get_serialized_java().length > 0);
    }

    @Test
    void underLocalModeTheNimbusClientAnswersFromTheInProcessCluster() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            SquallSubmitter.setLocalOverride(cluster);
            try {
                Config conf = new Config();
                conf.put("my.topology.setting", "x");
                SquallSubmitter.submitTopology("views", conf, topology());
                Nimbus.Iface client = NimbusClient.getConfiguredClient(Map.of()).getClient();
                TopologySummary summary = client.getTopologySummaryByName("views");
                Await.until(Duration.ofSeconds(30), () -> client.getTopologyPageInfo(summary.get_id(), ":all-time",
                                false).get_topology_stats().get_window_to_emitted().getOrDefault(":all-time", 0L) > 0,
                        () -> "nothing emitted yet");
                TopologyPageInfo page = client.getTopologyPageInfo(summary.get_id(), ":all-time", false);
                assertEquals("views", page.get_name());
                assertEquals(1, page.get_num_workers());
                assertEquals("local", page.get_workers().get(0).get_supervisor_id());
                assertTrue(page.get_num_tasks() >= 6, page.toString());
                Map<?, ?> topoConf = new ObjectMapper().readValue(client.getTopologyConf(summary.get_id()), Map.class);
                assertEquals("x", topoConf.get("my.topology.setting"));
                assertEquals(3, client.getTopology(summary.get_id()).get_bolts().get("count").get_common()
                        .get_parallelism_hint());
                ComponentPageInfo count = client.getComponentPageInfo(summary.get_id(), "count", null, false);
                assertEquals(ComponentType.BOLT, count.get_component_type());
                assertEquals("views", count.get_topology_name());
                assertEquals(summary.get_id(), count.get_topology_id());
                assertTrue(count.get_num_executors() >= 1 && count.get_num_tasks() == 3, count.toString());
                assertEquals("count", count.get_exec_stats().get(0).get_exec_summary().get_component_id());
                assertEquals(ComponentType.SPOUT, cluster.getComponentPageInfo(summary.get_id(), "words", null,
                        false).get_component_type());
                assertThrows(IllegalArgumentException.class,
                        () -> client.getComponentPageInfo(summary.get_id(), "nothing", null, false));
                client.killTopology("views");
                assertTrue(cluster.getTopologyNames().isEmpty());
            } finally {
                SquallSubmitter.setLocalOverride(null);
            }
        }
    }

    @Test
    void storms4ArgumentSubmissionRunsALocalTopologyFromItsJsonConf() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            SquallSubmitter.setLocalOverride(cluster);
            try {
                Nimbus.Iface client = NimbusClient.getConfiguredClient(Map.of()).getClient();
                // Storm's client sequence: an upload in chunks, then the submission naming it.
                String location = client.beginFileUpload();
                client.uploadChunk(location, java.nio.ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4}));
                client.finishFileUpload(location);
                IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
                        () -> client.uploadChunk(location, java.nio.ByteBuffer.wrap(new byte[1])));
                assertTrue(closed.getMessage().contains("No upload is open at '" + location + "'"),
                        closed.getMessage());
                InvalidTopologyException badConf = assertThrows(InvalidTopologyException.class,
                        () -> client.submitTopology("json-conf", location, "{\"topology.workers\": ", topology()));
                assertTrue(badConf.getMessage().contains("jsonConf"), badConf.getMessage());

                SubmitOptions inactive = new SubmitOptions(TopologyInitialStatus.INACTIVE);
                client.submitTopologyWithOpts("json-conf", location, "{\"my.topology.setting\": \"y\"}", topology(),
                        inactive);
                assertEquals("INACTIVE", client.getTopologySummaryByName("json-conf").get_status());
                Map<?, ?> topoConf = new ObjectMapper().readValue(client.getTopologyConf("json-conf"), Map.class);
                assertEquals("y", topoConf.get("my.topology.setting"));
                client.activate("json-conf");
                String id = client.getTopologySummaryByName("json-conf").get_id();
                Await.until(Duration.ofSeconds(30), () -> client.getTopologyPageInfo(id, ":all-time", false)
                        .get_topology_stats().get_window_to_emitted().getOrDefault(":all-time", 0L) > 0,
                        () -> "nothing emitted yet");

                // Profiling acts on worker JVMs, which local mode does not have: a clear refusal, nothing pending.
                ProfileRequest jstack = new ProfileRequest(new NodeInfo("localhost", java.util.Set.of(1024L)),
                        ProfileAction.JSTACK_DUMP);
                UnsupportedOperationException local = assertThrows(UnsupportedOperationException.class,
                        () -> client.setWorkerProfiler(id, jstack));
                assertTrue(local.getMessage().contains("jcmd"), local.getMessage());
                assertEquals(List.of(), client.getComponentPendingProfileActions(id, "count",
                        ProfileAction.JPROFILE_STOP));
                assertThrows(IllegalArgumentException.class,
                        () -> client.getComponentPendingProfileActions(id, "nothing", ProfileAction.JPROFILE_STOP));
                SupervisorPageInfo supervisor = client.getSupervisorPageInfo("local", null, false);
                assertEquals(1, supervisor.get_worker_summaries_size(), supervisor.toString());
                assertEquals("json-conf", supervisor.get_worker_summaries().get(0).get_topology_name());
                client.killTopology("json-conf");
                assertTrue(client.getTopologyHistory(null).get_topo_ids().contains(id), "the killed topology");
            } finally {
                SquallSubmitter.setLocalOverride(null);
            }
        }
    }

    @Test
    void metricsDataPointsCrossTheTopologysKryo() {
        KryoValuesSerializer out = new KryoValuesSerializer(new Config());
        KryoValuesDeserializer in = new KryoValuesDeserializer(new Config());
        IMetricsConsumer.TaskInfo info = new IMetricsConsumer.TaskInfo("h", 6700, "count", 3, 42L, 10);
        List<Object> back = in.deserialize(out.serialize(List.of(info,
                List.of(new IMetricsConsumer.DataPoint("n", 5L)))));
        IMetricsConsumer.TaskInfo copy = (IMetricsConsumer.TaskInfo) back.get(0);
        assertEquals("count", copy.srcComponentId);
        assertEquals(42L, copy.timestamp);
        assertEquals(5L, ((IMetricsConsumer.DataPoint) ((List<?>) back.get(1)).get(0)).value);
    }
}
