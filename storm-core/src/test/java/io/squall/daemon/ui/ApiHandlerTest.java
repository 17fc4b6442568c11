package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.topology.NotAliveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's HTTP handler in memory: its calls to the cluster run on a pool the test drives by hand. */
class ApiHandlerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Queue<Runnable> pool = new ArrayDeque<>();
    private final AtomicInteger viewCalls = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ApiHandler(new FakeView(), json, pool::add));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** A cluster with one topology, "wc", that has reported no metrics yet. */
    private final class FakeView implements ClusterView {
        @Override
        public ClusterSummary summary() {
            viewCalls.incrementAndGet();
            return new ClusterSummary("cluster", "test", 0, 0, 0, List.of(), List.of());
        }

        @Override
        public List<NimbusSummary> nimbuses() {
            return List.of(new NimbusSummary("localhost", 0, "Leader", 1, "test"));
        }

        @Override
        public io.squall.topology.TopologyInfo stormInfo(String name) {
            return new io.squall.topology.TopologyInfo("wc-1", known(name), 1, List.of(), "ACTIVE", Map.of());
        }

        @Override
        public TopologySummary topology(String name) {
            return new TopologySummary(known(name), "wc-1", "ACTIVE", 1, 1, 1, 3, 3);
        }

        @Override
        public Map<String, Object> configuration() {
            return Map.of("topology.message.timeout.secs", 30);
        }

        @Override
        public List<ComponentInfo> components(String name) {
            known(name);
            return List.of();
        }

        @Override
        public void activate(String name) {
            known(name);
        }

        @Override
        public void deactivate(String name) {
            known(name);
        }

        @Override
        public void kill(String name, int waitSecs) {
            known(name);
        }

        @Override
        public Placement rebalance(String name, int workers, Map<String, Integer> executors, Integer waitSecs) {
            known(name);
            return new Placement(4, workers, 12);
        }

        @Override
        public TopologyMetrics metrics(String name, Window window) {
            viewCalls.incrementAndGet();
            known(name);
            return null;
        }

        @Override
        public Map<String, TaggedRegistry> registries() {
            return Map.of();
        }

        private String known(String name) {
            if (!name.equals("wc")) {
                throw new NotAliveException("No topology named '" + name + "' is running");
            }
            return name;
        }
    }

    private void send(HttpMethod method, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
    }

    private FullHttpResponse answerOnThePool() {
        while (!pool.isEmpty()) {
            pool.poll().run();
        }
        channel.runPendingTasks();
        return channel.readOutbound();
    }

    private JsonNode body(FullHttpResponse res) throws Exception {
        try {
            return json.readTree(res.content().toString(StandardCharsets.UTF_8));
        } finally {
            res.release();
        }
    }

    @Test
    void theEventLoopNeverCallsTheClusterItHandsTheRequestToThePool() throws Exception {
        send(HttpMethod.GET, "/api/v1/cluster/summary");
        assertEquals(0, viewCalls.get(), "the event loop called the cluster view");
        assertNull(channel.readOutbound(), "answered before the pool ran");
        assertEquals(1, pool.size());
        FullHttpResponse res = answerOnThePool();
        assertEquals(200, res.status().code());
        assertEquals("cluster", body(res).get("mode").asText());
    }

    @Test
    void aConnectionsRequestsAreAnsweredInOrder() throws Exception {
        send(HttpMethod.GET, "/api/v1/cluster/summary");
        send(HttpMethod.GET, "/api/v1/topologies/nope/metrics");
        FullHttpResponse first = answerOnThePool();
        FullHttpResponse second = channel.readOutbound();
        assertEquals(200, first.status().code());
        assertEquals(404, second.status().code());
        first.release();
        second.release();
    }

    @Test
    void servesATopologysMetricsOnGet() throws Exception {
        send(HttpMethod.GET, "/api/v1/topologies/wc/metrics?window=all");
        FullHttpResponse res = answerOnThePool();
        assertEquals(200, res.status().code());
        assertTrue(body(res).isNull(), "no report yet: null");
        send(HttpMethod.POST, "/api/v1/topologies/wc/metrics");
        res = answerOnThePool();
        assertEquals(405, res.status().code());
        assertTrue(body(res).get("error").asText().contains("Use GET"));
        send(HttpMethod.GET, "/api/v1/topologies/wc/metrics?window=2h");
        res = answerOnThePool();
        assertEquals(400, res.status().code());
        res.release();
    }

    @Test
    void aRebalanceAnswerSaysHowManyWorkersTheTopologyGot() throws Exception {
        send(HttpMethod.POST, "/api/v1/topologies/wc/rebalance?workers=10");
        JsonNode b = body(answerOnThePool());
        assertEquals(4, b.get("workers").asInt());
        assertEquals(10, b.get("workersRequested").asInt());
        assertTrue(b.get("message").asText().contains("runs on 4 of the 10 workers asked for"), b.toString());
    }

    @Test
    void theTopologyPageSaysWhereTheWorkersLogsAreServedOnlyWhenALogviewerPortIsSet() throws Exception {
        send(HttpMethod.GET, "/api/v1/topologies/wc");
        assertTrue(body(answerOnThePool()).get("logviewer").isNull(), "no logviewer port: no links");
        EmbeddedChannel linked = new EmbeddedChannel(new ApiHandler(new FakeView(), DrpcServers.none(), json,
                pool::add, LogLinks.of(8000, true)));
        try {
            linked.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    "/api/v1/topologies/wc"));
            while (!pool.isEmpty()) {
                pool.poll().run();
            }
            linked.runPendingTasks();
            JsonNode page = body(linked.readOutbound());
            assertEquals(8000, page.get("logviewer").get("port").asInt());
            assertEquals("https", page.get("logviewer").get("scheme").asText());
            assertEquals("wc-1", page.get("summary").get("id").asText(), "the id the log file is named after");
        } finally {
            linked.finishAndReleaseAll();
        }
        assertEquals(LogLinks.NONE, LogLinks.of(0, false));
    }
}
