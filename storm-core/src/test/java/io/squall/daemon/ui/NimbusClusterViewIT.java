package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.squall.metrics.aggregate.MetricsAggregator;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.serialization.TopologySerializer;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in front of a Nimbus: a stand-in Nimbus that answers its HTTP API as the real one does. */
@Timeout(60)
class NimbusClusterViewIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer nimbus;
    private DashboardServer dashboard;

    @BeforeEach
    void start() throws IOException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 3).fieldsGrouping("words", new Fields("word"));
        byte[] topology = TopologySerializer.serialize(b.createTopology());
        Map<String, Object> wc = Map.of("name", "wc", "id", "wc-1-100", "status", "ACTIVE", "uptimeSecs", 42,
                "workers", List.of("s1:6700", "s1:6701"), "tasks", 5);
        nimbus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nimbus.createContext("/api/v1/", ex -> {
            String path = ex.getRequestURI().getPath().substring("/api/v1/".length());
            calls.add(ex.getRequestMethod() + " " + path + (ex.getRequestURI().getQuery() == null ? ""
                    : "?" + ex.getRequestURI().getQuery()) + " " + new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            switch (path) {
                case "cluster" -> json(ex, 200, Map.of("supervisors", List.of(Map.of("id", "s1", "host", "127.0.0.1",
                        "ports", List.of(6700, 6701, 6702), "startTimeMs", 0))));
                case "topologies" -> json(ex, 200, List.of(wc));
                case "topologies/wc" -> json(ex, 200, wc);
                case "code/wc-1-100/topology" -> {
                    ex.sendResponseHeaders(200, topology.length);
                    ex.getResponseBody().write(topology);
                    ex.close();
                }
                case "topologies/wc/deactivate", "topologies/wc/rebalance", "topologies/wc/kill" -> json(ex, 200, Map.of());
                default -> json(ex, 404, Map.of("error", "No topology named '" + path.split("/")[1] + "'"));
            }
        });
        nimbus.start();
        NimbusClient client = new NimbusClient(List.of("127.0.0.1:" + nimbus.getAddress().getPort()));
        dashboard = new DashboardServer(new NimbusClusterView(client, new MetricsCollector(new MetricsAggregator())),
                "127.0.0.1", 0, 200);
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stop() {
        dashboard.close();
        nimbus.stop(0);
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void showsTheClusterAndATopologysGraphFromNimbus() throws Exception {
        HttpResponse<String> res = call("GET", "/api/v1/cluster/summary");
        assertEquals(200, res.statusCode(), res.body());
        JsonNode summary = JSON.readTree(res.body());
        assertEquals("cluster", summary.get("mode").asText());
        assertEquals(1, summary.get("supervisors").asInt());
        assertEquals(3, summary.get("slotsTotal").asInt());
        assertEquals(2, summary.get("slotsUsed").asInt());
        assertEquals("wc", summary.get("topologies").get(0).get("name").asText());
        assertEquals(4, summary.get("topologies").get(0).get("executors").asInt(), "1 spout + 3 counters");

        JsonNode page = JSON.readTree(call("GET", "/api/v1/topologies/wc").body());
        assertEquals("ACTIVE", page.get("summary").get("status").asText());
        assertEquals("words", page.get("components").get(0).get("id").asText());
        assertEquals("count", page.get("components").get(1).get("id").asText());
        assertEquals("fields", page.get("components").get(1).get("inputs").get(0).get("grouping").asText());
        assertTrue(page.get("metrics").isNull(), "no worker has reported metrics");
    }

    @Test
    void passesActionsToNimbusAndItsErrorsBack() throws Exception {
        assertEquals(200, call("POST", "/api/v1/topologies/wc/deactivate").statusCode());
        assertEquals(200, call("POST", "/api/v1/topologies/wc/rebalance?workers=3&executors=count=4").statusCode());
        assertEquals(200, call("POST", "/api/v1/topologies/wc/kill?wait=5").statusCode());
        assertTrue(calls.contains("POST topologies/wc/deactivate "), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST topologies/wc/rebalance")
                && c.contains("\"workers\":3") && c.contains("\"count\":4")), calls.toString());
        assertTrue(calls.contains("POST topologies/wc/kill?wait=5 "), calls.toString());

        HttpResponse<String> unknown = call("GET", "/api/v1/topologies/nope");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("No topology named 'nope'"), unknown.body());

        nimbus.stop(0);
        HttpResponse<String> down = call("GET", "/api/v1/cluster/summary");
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("Nimbus"), down.body());
    }
}
