package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm UI's REST API, as tools written for Storm's UI call it, on a local cluster. */
@Timeout(90)
class StormUiApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCluster cluster;
    private static DashboardServer server;
    private static String id;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("counter", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        cluster.submitTopology("storm-ui", null, b.createTopology());
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200);
        id = cluster.getTopologyInfo("storm-ui").get_id();
    }

    @AfterAll
    static void stop() {
        server.close();
        cluster.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String method, String path, int status) throws Exception {
        return json(method, path, null, status);
    }

    private static JsonNode json(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> res = call(method, path, body);
        assertEquals(status, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    private static String topologyStatus() {
        try {
            return json("GET", "/api/v1/topology/" + id, 200).get("status").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    @Test
    void summariesHaveStormsFields() throws Exception {
        JsonNode cluster = json("GET", "/api/v1/cluster/summary", 200);
        assertEquals(1, cluster.get("topologies").asInt(), "Storm counts the topologies: " + cluster);
        assertEquals(1, cluster.get("supervisors").asInt());
        assertEquals(3, cluster.get("executorsTotal").asInt(), "spout and two counters, ackers not counted");
        assertTrue(cluster.has("stormVersion") && cluster.has("slotsFree") && cluster.has("tasksTotal"), "" + cluster);

        JsonNode topologies = json("GET", "/api/v1/topology/summary", 200).get("topologies");
        assertEquals(List.of(id), texts(topologies, "id"));
        JsonNode t = topologies.get(0);
        assertEquals("storm-ui", t.get("name").asText());
        assertEquals("ACTIVE", t.get("status").asText());
        assertEquals(3, t.get("executorsTotal").asInt());
        assertEquals(1, t.get("workersTotal").asInt());
        assertTrue(t.get("uptime").asText().endsWith("s"), t.toString());

        assertEquals(1, json("GET", "/api/v1/supervisor/summary", 200).get("supervisors").size());
        JsonNode nimbus = json("GET", "/api/v1/nimbus/summary", 200).get("nimbuses").get(0);
        assertEquals("Leader", nimbus.get("status").asText());
        assertTrue(nimbus.get("nimbusUpTimeSeconds").asLong() >= 0, nimbus.toString());
        JsonNode workers = json("GET", "/api/v1/topology-workers/" + id, 200);
        assertEquals(0, workers.get("hostPortList").size(), "a local topology's workers have no ports: " + workers);
        assertEquals(0, workers.get("logviewerPort").asInt());

        JsonNode conf = json("GET", "/api/v1/cluster/configuration", 200);
        assertEquals(30, conf.get("topology.message.timeout.secs").asInt(), "the defaults: " + conf);
        conf.fieldNames().forEachRemaining(k -> assertTrue(!k.contains("password") && !k.contains("secret"), k));
        assertEquals(List.of(id), texts(json("GET", "/api/v1/history/summary", 200).get("topo-history"), null));

        String me = System.getProperty("user.name");
        assertEquals(me, t.get("owner").asText(), "a local topology's owner is the JVM's user");
        JsonNode owners = json("GET", "/api/v1/owner-resources", 200).get("owners");
        assertEquals(1, owners.size(), owners.toString());
        assertEquals(me, owners.get(0).get("owner").asText());
        assertEquals(1, owners.get(0).get("totalTopologies").asInt());
        assertEquals(3, owners.get(0).get("totalExecutors").asInt());
        JsonNode mine = json("GET", "/api/v1/owner-resources/" + me, 200);
        assertEquals(List.of("storm-ui"), texts(mine.get("topologies"), "name"));
        assertEquals(0, json("GET", "/api/v1/owner-resources/nobody", 200).get("totalTopologies").asInt());

        JsonNode here = json("GET", "/api/v1/supervisor?host=localhost", 200);
        assertEquals("localhost", here.get("supervisors").get(0).get("host").asText());
        JsonNode worker = here.get("workers").get(0);
        assertEquals(id, worker.get("topologyId").asText(), here.toString());
        assertEquals(3, worker.get("executorsTotal").asInt(), here.toString());
        assertEquals(2, worker.get("componentNumTasks").get("counter").asInt(), here.toString());
        String supervisorId = here.get("supervisors").get(0).get("id").asText();
        assertEquals(1, json("GET", "/api/v1/supervisor?id=" + supervisorId + "&host=elsewhere", 200)
                .get("supervisors").size(), "the id wins over the host, as in Storm");
        assertTrue(json("GET", "/api/v1/supervisor?id=nosuch", 404).get("error").asText()
                .contains("No supervisor with id 'nosuch'"));
        assertTrue(json("GET", "/api/v1/supervisor", 400).get("error").asText().contains("?id=ID or ?host=HOST"));
    }

    @Test
    void aTopologysPageHasItsWindowsAndComponentsAsStormsDoes() throws Exception {
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                JsonNode p = json("GET", "/api/v1/topology/" + id, 200);
                return p.get("spouts").get(0).get("emitted").asLong() > 0
                        && p.get("bolts").get(0).get("executed").asLong() > 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> "counts on Storm's topology page");
        JsonNode page = json("GET", "/api/v1/topology/" + id, 200);
        assertEquals(id, page.get("id").asText());
        assertEquals(":all-time", page.get("window").asText());
        assertEquals(List.of("600", "10800", "86400", ":all-time"), texts(page.get("topologyStats"), "window"));
        assertEquals(List.of("10m 0s", "3h 0m 0s", "1d 0h 0m 0s", "All time"),
                texts(page.get("topologyStats"), "windowPretty"));
        JsonNode spout = page.get("spouts").get(0);
        assertEquals("words", spout.get("spoutId").asText());
        assertEquals(1, spout.get("executors").asInt());
        JsonNode bolt = page.get("bolts").get(0);
        assertEquals("counter", bolt.get("boltId").asText());
        assertEquals(2, bolt.get("executors").asInt());
        assertTrue(bolt.get("capacity").isTextual() && bolt.get("executeLatency").isTextual(), bolt.toString());
        JsonNode metrics = json("GET", "/api/v1/topology/" + id + "/metrics", 200);
        assertEquals("default", metrics.get("spouts").get(0).get("emitted").get(0).get("stream_id").asText());
        assertTrue(metrics.get("spouts").get(0).get("emitted").get(0).get("value").asLong() > 0, metrics.toString());
        JsonNode executed = metrics.get("bolts").get(0).get("executed").get(0);
        assertEquals(List.of("words", "default"), List.of(executed.get("component_id").asText(),
                executed.get("stream_id").asText()));
        assertTrue(executed.get("value").asLong() > 0, metrics.toString());
        // By name too, and over a window of Storm's.
        assertEquals(id, json("GET", "/api/v1/topology/storm-ui?window=600", 200).get("id").asText());
    }

    @Test
    void aComponentsPageListsEachExecutorWithItsOwnCounts() throws Exception {
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                JsonNode executors = json("GET", "/api/v1/topology/" + id + "/component/counter", 200)
                        .get("executorStats");
                return executors.size() == 2 && executors.get(0).get("executed").asLong() > 0
                        && executors.get(1).get("executed").asLong() > 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> "both counters' executors with executed tuples");
        JsonNode page = json("GET", "/api/v1/topology/" + id + "/component/counter", 200);
        assertEquals("bolt", page.get("componentType").asText());
        assertEquals(id, page.get("topologyId").asText());
        assertEquals(List.of("[1-1]", "[2-2]"), texts(page.get("executorStats"), "id"));
        assertEquals(4, page.get("boltStats").size());
        assertFalse(page.get("profileActionEnabled").asBoolean(), "local mode's workers are threads of this JVM");
        assertEquals(0, page.get("profilerActive").size());
        assertEquals("words", page.get("inputStats").get(0).get("component").asText());
        assertEquals("default", page.get("inputStats").get(0).get("stream").asText());

        JsonNode spout = json("GET", "/api/v1/topology/" + id + "/component/words", 200);
        assertEquals("spout", spout.get("componentType").asText());
        assertEquals("default", spout.get("outputStats").get(0).get("stream").asText());
        assertEquals(4, spout.get("spoutSummary").size());
    }

    @Test
    void actionsAnswerAsStormsDoAndBadRequestsSayWhatIsWrong() throws Exception {
        JsonNode off = json("POST", "/api/v1/topology/" + id + "/deactivate", 200);
        assertEquals("deactivate", off.get("topologyOperation").asText());
        assertEquals(id, off.get("topologyId").asText());
        assertEquals("success", off.get("status").asText());
        assertEquals("INACTIVE", json("GET", "/api/v1/topology/" + id, 200).get("status").asText());
        json("POST", "/api/v1/topology/" + id + "/activate", 200);
        assertEquals("ACTIVE", json("GET", "/api/v1/topology/" + id, 200).get("status").asText());

        // A local rebalance waits as a cluster's does (its executors here stay as they were, for the other tests).
        JsonNode rebalance = json("POST", "/api/v1/topology/" + id + "/rebalance/1",
                "{\"rebalanceOptions\": {\"numWorkers\": 1, \"executors\": {\"counter\": \"2\"}},"
                        + " \"callback\": \"x\"}", 200);
        assertEquals("rebalance", rebalance.get("topologyOperation").asText());
        assertEquals("REBALANCING", json("GET", "/api/v1/topology/" + id, 200).get("status").asText());
        assertTrue(json("POST", "/api/v1/topology/" + id + "/deactivate", 409).get("error").asText()
                .contains("rebalancing"));
        Await.until(Duration.ofSeconds(30), () -> "ACTIVE".equals(topologyStatus()),
                () -> "ACTIVE again after the rebalance, not " + topologyStatus());
        assertEquals(3, json("GET", "/api/v1/cluster/summary", 200).get("executorsTotal").asInt());
        HttpResponse<String> notJson = call("POST", "/api/v1/topology/" + id + "/rebalance/0", "{numWorkers");
        assertEquals(400, notJson.statusCode(), notJson.body());
        assertTrue(notJson.body().contains("rebalanceOptions"), notJson.body());

        assertTrue(json("GET", "/api/v1/topology/" + id + "?window=5m", 400).get("error").asText()
                .contains("Unknown window '5m'"));
        assertTrue(json("GET", "/api/v1/topology/nosuch-1-1", 404).get("error").asText().contains("nosuch-1-1"));
        assertTrue(json("GET", "/api/v1/topology/" + id + "/component/nothing", 404).get("error").asText()
                .contains("no component 'nothing'"));
        assertTrue(json("POST", "/api/v1/topology/" + id + "/kill/soon", 400).get("error").asText()
                .contains("whole number"));
        assertTrue(json("GET", "/api/v1/topology/" + id + "/kill/0", 405).get("error").asText().contains("Use POST"));
        assertTrue(json("GET", "/api/v1/topology/" + id + "/profiling/dumpjstack/localhost:0", 501).get("error")
                .asText().contains("jcmd"), "local mode's workers are threads of this JVM");
        assertTrue(json("GET", "/api/v1/topology/" + id + "/profiling/start/localhost:0/soon", 400).get("error")
                .asText().contains("MINUTES a whole number"));
        assertTrue(cluster.isRunning("storm-ui"));
    }

    @Test
    void killsByIdAfterTheWait() throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        cluster.submitTopology("storm-ui-doomed", null, b.createTopology());
        String doomed = cluster.getTopologyInfo("storm-ui-doomed").get_id();
        JsonNode kill = json("POST", "/api/v1/topology/" + doomed + "/kill/0", 200);
        assertEquals("kill", kill.get("topologyOperation").asText());
        Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("storm-ui-doomed"), () -> "killed");
        assertTrue(cluster.isRunning("storm-ui"));
    }

    /** Sends each word on stream "short" or "long" by its length. */
    public static final class BySize extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            String word = input.getString(0);
            collector.emit(word.length() < 6 ? "short" : "long", new Values(word));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("short", new Fields("word"));
            declarer.declareStream("long", new Fields("word"));
        }
    }

    @Test
    void aComponentsStreamsAreCountedApart() throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("size", new BySize()).shuffleGrouping("words");
        b.setBolt("shorts", new TestWordCounter()).shuffleGrouping("size", "short");
        cluster.submitTopology("storm-ui-streams", null, b.createTopology());
        try {
            String streams = cluster.getTopologyInfo("storm-ui-streams").get_id();
            Await.until(Duration.ofSeconds(30), () -> {
                Map<String, Long> emitted = sizeEmitted();
                return emitted.getOrDefault("short", 0L) > 0 && emitted.getOrDefault("long", 0L) > 0;
            }, () -> "emits on both streams: " + sizeEmitted());
            // The dashboard reads the metrics snapshots, taken a moment after the live counters above.
            Await.until(Duration.ofSeconds(30), () -> outputs(streams).get(1).get("transferred").asLong() > 0
                    && outputs(streams).get(0).get("emitted").asLong() > 0, () -> "both streams on the page");
            JsonNode outputs = outputs(streams);
            assertEquals(List.of("long", "short"), texts(outputs, "stream"));
            // "long" has no subscriber: its tuples go nowhere; "short" goes to the one counter.
            assertEquals(0, outputs.get(0).get("transferred").asLong(), outputs.toString());
            assertTrue(outputs.get(1).get("transferred").asLong() > 0, outputs.toString());
        } finally {
            cluster.killTopology("storm-ui-streams");
            Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("storm-ui-streams"), () -> "killed");
        }
    }

    private static JsonNode outputs(String id) {
        try {
            return json("GET", "/api/v1/topology/" + id + "/component/size", 200).get("outputStats");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Long> sizeEmitted() {
        Map<String, Long> out = new java.util.TreeMap<>();
        cluster.getTopologyInfo("storm-ui-streams").get_executors().stream()
                .filter(e -> e.get_component_id().equals("size"))
                .forEach(e -> e.get_stats().get_emitted().getOrDefault(":all-time", Map.of())
                        .forEach((k, v) -> out.merge(k, v, Long::sum)));
        return out;
    }
}
