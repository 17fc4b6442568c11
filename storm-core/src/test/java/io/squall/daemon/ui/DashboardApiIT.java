package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.metrics.PrometheusTextTest;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.NotAliveException;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class DashboardApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCluster cluster;
    private static DashboardServer server;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("counter", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        cluster.submitTopology("api", null, b.createTopology());
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200);
    }

    @AfterAll
    static void stop() {
        server.close();
        cluster.close();
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> res, int status) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(res.body());
    }

    @Test
    void servesTheClusterSummaryAndTheTopologyWithItsMetrics() throws Exception {
        JsonNode summary = json(call("GET", "/api/v1/cluster/summary"), 200);
        assertEquals("local", summary.get("mode").asText());
        assertEquals("api", summary.get("topologyList").get(0).get("name").asText());

        Await.until(Duration.ofSeconds(20), () -> {
            try {
                JsonNode m = json(call("GET", "/api/v1/topologies/api?window=all"), 200).get("metrics");
                return !m.isNull() && m.get("spouts").get(0).get("emitted").asLong() > 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, () -> "metrics of topology api");
        JsonNode page = json(call("GET", "/api/v1/topologies/api?window=all"), 200);
        assertEquals("ACTIVE", page.get("summary").get("status").asText());
        assertEquals("words", page.get("components").get(0).get("id").asText());
        assertEquals("fields", page.get("components").get(1).get("inputs").get(0).get("grouping").asText());
        JsonNode metrics = page.get("metrics");
        assertEquals("all", metrics.get("window").asText());
        assertEquals("counter", metrics.get("bolts").get(0).get("id").asText());
        assertEquals("words", metrics.get("edges").get(0).get("from").asText());
    }

    @Test
    void answersMalformedRequestsWith4xxAndAMessage() throws Exception {
        assertTrue(json(call("GET", "/api/v1/topologies/api?window=5m"), 400).get("error").asText()
                .contains("Unknown window '5m'"));
        assertTrue(json(call("POST", "/api/v1/topologies/api/kill?wait=soon"), 400).get("error").asText()
                .contains("whole number"));
        assertTrue(json(call("POST", "/api/v1/topologies/api/kill?wait=-3"), 400).get("error").asText()
                .contains("0 or more"));
        assertTrue(json(call("POST", "/api/v1/topologies/api/rebalance?executors=counter"), 400).get("error").asText()
                .contains("COMPONENT=N"));
        assertTrue(json(call("POST", "/api/v1/topologies/api/explode"), 404).get("error").asText()
                .contains("Unknown action 'explode'"));
        assertTrue(json(call("GET", "/api/v1/topologies/api/deactivate"), 405).get("error").asText()
                .contains("Use POST"));
        assertTrue(json(call("DELETE", "/api/v1/cluster/summary"), 405).get("error").asText().contains("Use GET"));
        assertTrue(json(call("GET", "/api/v2/anything"), 404).get("error").asText().contains("Not found"));
        assertTrue(json(call("POST", "/api/v1/topologies/api/rebalance?executors=nosuch=2"), 400).get("error")
                .asText().contains("nosuch"));
        assertTrue(cluster.isRunning("api"));
    }

    @Test
    void answersUnknownTopologiesWith404() throws Exception {
        assertTrue(json(call("GET", "/api/v1/topologies/nosuch"), 404).get("error").asText()
                .contains("No topology named 'nosuch'"));
        assertTrue(json(call("POST", "/api/v1/topologies/nosuch/deactivate"), 404).get("error").asText()
                .contains("nosuch"));
        assertTrue(json(call("POST", "/api/v1/topologies/nosuch/rebalance"), 404).get("error").asText()
                .contains("nosuch"));
    }

    @Test
    void killsATopologyAtOnceOrAfterAWaitWithItsSpoutsDeactivated() throws Exception {
        for (String name : new String[] {"doomed", "doomed-later"}) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("words", new TestWordSpout());
            cluster.submitTopology(name, null, b.createTopology());
        }
        json(call("POST", "/api/v1/topologies/doomed/kill"), 200);
        // The answer comes at once; the kill runs on (stopping executors can take a moment).
        Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("doomed"), () -> "doomed killed");
        assertEquals(404, call("GET", "/api/v1/topologies/doomed").statusCode());

        json(call("POST", "/api/v1/topologies/doomed-later/kill?wait=1"), 200);
        boolean deactivatedOrGone;
        try {
            deactivatedOrGone = !cluster.isActive("doomed-later");
        } catch (NotAliveException gone) {
            deactivatedOrGone = true; // A slow machine may already be past the wait.
        }
        assertTrue(deactivatedOrGone, "deactivated during the wait");
        Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("doomed-later"), () -> "killed after the wait");
        assertEquals(404, call("GET", "/api/v1/topologies/doomed-later").statusCode());
        // During a kill's wait the topology is still there, KILLED, as on Storm; a kill without a wait ends it.
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        cluster.submitTopology("doomed-slowly", null, b.createTopology());
        json(call("POST", "/api/v1/topologies/doomed-slowly/kill?wait=600"), 200);
        assertEquals("KILLED", json(call("GET", "/api/v1/topologies/doomed-slowly"), 200).get("summary")
                .get("status").asText());
        assertTrue(json(call("POST", "/api/v1/topologies/doomed-slowly/activate"), 409).get("error").asText()
                .contains("it is killed and goes in"));
        json(call("POST", "/api/v1/topologies/doomed-slowly/kill"), 200);
        Await.until(Duration.ofSeconds(20), () -> !cluster.isRunning("doomed-slowly"), () -> "killed without a wait");
    }

    @Test
    void aPortInUseIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", server.port(), 200));
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void deactivatesAndActivatesATopology() throws Exception {
        json(call("POST", "/api/v1/topologies/api/deactivate"), 200);
        assertFalse(cluster.isActive("api"));
        assertEquals("INACTIVE", json(call("GET", "/api/v1/topologies/api"), 200).get("summary").get("status").asText());
        json(call("POST", "/api/v1/topologies/api/activate"), 200);
        assertTrue(cluster.isActive("api"));
    }

    @Test
    void servesThePageAndPrometheusText() throws Exception {
        HttpResponse<String> page = call("GET", "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/app.js\">"));
        assertEquals(200, call("GET", "/app.js").statusCode());
        HttpResponse<String> prom = call("GET", "/metrics");
        assertEquals(200, prom.statusCode());
        PrometheusTextTest.assertParses(prom.body());
        assertTrue(prom.body().contains("topology=\"api\""));
    }

    @Test
    void pushesLiveUpdatesOverTheWebSocket() throws Exception {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("not json", true);
            assertTrue(poll(messages).contains("Bad subscription"));
            ws.sendText("{\"topology\":\"api\",\"window\":\"10m\"}", true);
            JsonNode first = JSON.readTree(poll(messages));
            assertEquals("topology", first.get("type").asText());
            assertEquals("api", first.get("data").get("summary").get("name").asText());
            JsonNode pushed = JSON.readTree(poll(messages));
            assertEquals("topology", pushed.get("type").asText(), "pushed again without asking");
            ws.sendText("{\"topology\":\"nosuch\"}", true);
            // Updates of the earlier subscription may still arrive before the answer to this one.
            String type;
            int seen = 0;
            do {
                type = JSON.readTree(poll(messages)).get("type").asText();
            } while (type.equals("topology") && ++seen < 20);
            assertEquals("error", type);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private static String poll(LinkedBlockingQueue<String> q) throws InterruptedException {
        String m = q.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "a WebSocket message within 10s");
        return m;
    }
}
