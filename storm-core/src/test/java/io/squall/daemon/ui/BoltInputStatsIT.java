package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.BoltStats;
import io.squall.topology.ExecutorStats;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bolt with two inputs reports its executed, acked and failed tuples by input, and a spout with two streams its
 * acked and failed trees by stream, as Storm's: in {@code getTopologyInfo} and in the Storm UI API's component page
 * and metrics.
 */
class BoltInputStatsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Acks every tuple but those whose word is "fail", which it fails. */
    public static class AckOrFail extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if ("fail".equals(input.getString(0))) {
                collector.fail(input);
            } else {
                collector.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Emits "x", "y", "z" on stream "left" and "p", "q", "fail", "r", "s" on "right", each with a message id. */
    public static class TwoStreams extends io.squall.topology.base.BaseRichSpout {
        private transient io.squall.spout.SpoutOutputCollector collector;
        private int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context,
                         io.squall.spout.SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            List<String> left = List.of("x", "y", "z");
            List<String> right = List.of("p", "q", "fail", "r", "s");
            if (next < left.size()) {
                collector.emit("left", new Values(left.get(next)), "l" + next);
            } else if (next < left.size() + right.size()) {
                collector.emit("right", new Values(right.get(next - left.size())), "r" + next);
            }
            next++;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("left", new Fields("word"));
            declarer.declareStream("right", new Fields("word"));
        }
    }

    /** Acks each tuple after {@code delayMs}. */
    public static class AckAfter extends BaseRichBolt {
        private final long delayMs;
        private transient OutputCollector collector;

        public AckAfter(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The Storm UI API metrics page's complete latency of spout "two" by stream, over the whole run. */
    private static Map<String, Double> apiCompleteMs(DashboardServer server, String id) {
        Map<String, Double> api = new java.util.TreeMap<>();
        get(server, "/api/v1/topology/" + id + "/metrics?window=:all-time").get("spouts").get(0)
                .get("complete_ms_avg").forEach(r -> api.put(r.get("stream_id").asText(),
                        Double.parseDouble(r.get("value").asText())));
        return api;
    }

    /** The spout's mean complete latency by stream, over the whole run, from its (one) executor. */
    private static Map<String, Double> completeByStream(LocalCluster cluster) {
        for (ExecutorSummary e : cluster.getTopologyInfo("latencies").get_executors()) {
            if (e.get_component_id().equals("two")) {
                return e.get_stats().get_specific().get_spout().get_complete_ms_avg().getOrDefault(
                        ExecutorStats.ALL_TIME, Map.of());
            }
        }
        return Map.of();
    }

    /** The spout's acked and failed trees by stream, over its executors: "stream acked/failed". */
    private static Map<String, String> byStream(LocalCluster cluster) {
        return byStreamOf(cluster, "streams");
    }

    private static Map<String, String> byStreamOf(LocalCluster cluster, String topology) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ExecutorSummary e : cluster.getTopologyInfo(topology).get_executors()) {
            if (e.get_component_id().equals("two")) {
                io.squall.topology.SpoutStats s = e.get_stats().get_specific().get_spout();
                s.get_acked().get(ExecutorStats.ALL_TIME).forEach((stream, n) -> out.put(stream, n + "/"
                        + s.get_failed().get(ExecutorStats.ALL_TIME).get(stream)));
            }
        }
        return out;
    }

    private static List<List<Object>> words(String... words) {
        return java.util.Arrays.stream(words).map(w -> (List<Object>) new Values(w)).toList();
    }

    /** Executed, acked and failed of the bolt "both" by input, over its executors. */
    private static Map<GlobalStreamId, List<Long>> byInput(LocalCluster cluster) {
        Map<GlobalStreamId, List<Long>> out = new HashMap<>();
        for (ExecutorSummary e : cluster.getTopologyInfo("inputs").get_executors()) {
            if (!e.get_component_id().equals("both")) {
                continue;
            }
            BoltStats b = e.get_stats().get_specific().get_bolt();
            b.get_executed().get(ExecutorStats.ALL_TIME).forEach((in, n) -> out.merge(in, List.of(n,
                    b.get_acked().get(ExecutorStats.ALL_TIME).get(in), b.get_failed().get(ExecutorStats.ALL_TIME)
                            .get(in)), (x, y) -> List.of(x.get(0) + y.get(0), x.get(1) + y.get(1),
                    x.get(2) + y.get(2))));
        }
        return out;
    }

    private static JsonNode get(DashboardServer server, String path) {
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            return JSON.readTree(res.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(path, e);
        }
    }

    private static Map<String, String> inputRows(JsonNode rows) {
        Map<String, String> out = new HashMap<>();
        rows.forEach(r -> out.put(r.get("component").asText() + ":" + r.get("stream").asText(),
                r.get("executed").asLong() + "/" + r.get("acked").asLong() + "/" + r.get("failed").asLong()));
        return out;
    }

    @Test
    @Timeout(120)
    void aBoltWithTwoInputsIsCountedByInput() {
        GlobalStreamId a = new GlobalStreamId("a", "default");
        GlobalStreamId b = new GlobalStreamId("b", "default");
        Map<GlobalStreamId, List<Long>> expected = Map.of(a, List.of(3L, 3L, 0L), b, List.of(5L, 4L, 1L));
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            TopologyBuilder t = new TopologyBuilder();
            t.setSpout("a", new FixedTupleSpout(words("x", "y", "z"), new Fields("word")));
            t.setSpout("b", new FixedTupleSpout(words("p", "q", "fail", "r", "s"), new Fields("word")));
            t.setBolt("both", new AckOrFail(), 2).shuffleGrouping("a").shuffleGrouping("b");
            cluster.submitTopology("inputs", null, t.createTopology());
            Await.until(DEADLINE, () -> expected.equals(byInput(cluster)),
                    () -> "executed/acked/failed by input " + byInput(cluster) + ", expected " + expected);

            String id = cluster.getTopologyInfo("inputs").get_id();
            Map<String, String> rows = Map.of("a:default", "3/3/0", "b:default", "5/4/1");
            Await.until(DEADLINE, () -> rows.equals(inputRows(get(server, "/api/v1/topology/" + id
                    + "/component/both").get("inputStats"))), () -> "the component page's input stats by input");
            JsonNode bolt = get(server, "/api/v1/topology/" + id + "/metrics").get("bolts").get(0);
            assertEquals(2, bolt.get("executed").size(), bolt.toString());
            assertEquals("a", bolt.get("executed").get(0).get("component_id").asText(), bolt.toString());
        }
    }

    @Test
    @Timeout(120)
    void aSpoutWithTwoStreamsHasEachStreamsCompleteLatency() {
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            TopologyBuilder t = new TopologyBuilder();
            t.setSpout("two", new TwoStreams());
            t.setBolt("quick", new AckAfter(0)).shuffleGrouping("two", "left");
            t.setBolt("slow", new AckAfter(200)).shuffleGrouping("two", "right");
            io.squall.Config conf = new io.squall.Config();
            conf.put("topology.metrics.sample.every", 1); // Every tree's latency sampled.
            cluster.submitTopology("latencies", conf, t.createTopology());
            Await.until(DEADLINE, () -> byStreamOf(cluster, "latencies").equals(Map.of("left", "3/0", "right",
                    "5/0")), () -> "every tree acked: " + byStreamOf(cluster, "latencies"));
            Await.until(DEADLINE, () -> completeByStream(cluster).getOrDefault("right", 0.0) >= 200,
                    () -> "the slow stream's latency " + completeByStream(cluster));
            Map<String, Double> ms = completeByStream(cluster);
            assertTrue(ms.get("left") < ms.get("right"), "each stream its own latency: " + ms);

            // The Storm UI API reads the metrics snapshots, taken every second: wait for one with the acks in it.
            String id = cluster.getTopologyInfo("latencies").get_id();
            Await.until(DEADLINE, () -> {
                Map<String, Double> api = apiCompleteMs(server, id);
                return api.getOrDefault("right", 0.0) >= 200 && api.get("left") < api.get("right");
            }, () -> "the metrics page's latencies by stream " + apiCompleteMs(server, id));
        }
    }

    @Test
    @Timeout(120)
    void aSpoutWithTwoStreamsIsCountedByStream() {
        Map<String, String> expected = Map.of("left", "3/0", "right", "4/1");
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            TopologyBuilder t = new TopologyBuilder();
            t.setSpout("two", new TwoStreams());
            t.setBolt("judge", new AckOrFail()).shuffleGrouping("two", "left").shuffleGrouping("two", "right");
            cluster.submitTopology("streams", null, t.createTopology());
            Await.until(DEADLINE, () -> expected.equals(byStream(cluster)),
                    () -> "acked/failed by stream " + byStream(cluster) + ", expected " + expected);

            String id = cluster.getTopologyInfo("streams").get_id();
            Await.until(DEADLINE, () -> {
                Map<String, String> rows = new java.util.TreeMap<>();
                get(server, "/api/v1/topology/" + id + "/component/two").get("outputStats").forEach(r -> rows.put(
                        r.get("stream").asText(), r.get("acked").asLong() + "/" + r.get("failed").asLong()));
                return expected.equals(rows);
            }, () -> "the component page's output stats by stream");
        }
    }
}
