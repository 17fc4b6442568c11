package io.squall.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.task.TopologyContext;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.DebugOptions;
import io.squall.topology.NotAliveException;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's event logging in local mode: debugging a topology or a component samples what its executors emit to the
 * registered event loggers and to the default file, and the Storm UI API's Debug actions turn it on and off.
 */
@Timeout(120)
class EventLoggingIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    static final Queue<IEventLogger.EventInfo> EVENTS = new ConcurrentLinkedQueue<>();
    static final Queue<String> PREPARED = new ConcurrentLinkedQueue<>();

    @TempDir
    Path logs;

    /** Keeps the events it is given, and what it was prepared with. */
    public static class Recording implements IEventLogger {
        @Override
        public void prepare(Map<String, Object> conf, Map<String, Object> arguments, TopologyContext context) {
            PREPARED.add(arguments.get("tag") + "@" + context.getStormId());
        }

        @Override
        public void log(EventInfo e) {
            EVENTS.add(e);
        }

        @Override
        public void close() {
        }
    }

    private static long eventsOf(String component) {
        return EVENTS.stream().filter(e -> e.getComponent().equals(component)).count();
    }

    private static HttpResponse<String> post(DashboardServer server, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + path)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(path, e);
        }
    }

    private String eventsFile() {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".events.log")).findFirst()
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            return "";
                        }
                    }).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void debuggingSamplesEmitsToTheRegisteredLoggersAndTheEventsFile() {
        EVENTS.clear();
        PREPARED.clear();
        System.setProperty("squall.logs.dir", logs.toString());
        Config conf = new Config();
        conf.registerEventLogger(Recording.class, Map.of("tag", "mine"));
        conf.registerEventLogger(FileBasedEventLogger.class);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 1);
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            cluster.submitTopology("events", conf, b.createTopology());
            String id = cluster.getTopologyInfo("events").get_id();
            assertEquals(0, EVENTS.size(), "nothing is sampled until debugging starts");

            cluster.debug("events", "", true, 100);
            Await.until(DEADLINE, () -> eventsOf("words") > 0 && eventsOf("count") > 0,
                    () -> "events of both components, got " + EVENTS.size());
            assertEquals(List.of("mine@" + id), List.copyOf(PREPARED), "prepared once, with its arguments");
            IEventLogger.EventInfo spout = EVENTS.stream().filter(e -> e.getComponent().equals("words")).findFirst()
                    .orElseThrow();
            assertEquals(1, spout.getValues().size(), spout.toString());
            IEventLogger.EventInfo counted = EVENTS.stream().filter(e -> e.getComponent().equals("count"))
                    .findFirst().orElseThrow();
            assertEquals(2, counted.getValues().size(), "the counter's [word, count]: " + counted);
            Await.until(DEADLINE, () -> eventsFile().contains(",words,"), () -> "the events file in " + logs);

            // Stopping drains what was sampled and takes the samplers away at once: nothing comes after it, however
            // much the spout goes on emitting.
            cluster.debug("events", "", false, 0);
            int stopped = EVENTS.size();
            long emitted = cluster.getComponentStats("events").get("words").emitted();
            Await.until(DEADLINE, () -> cluster.getComponentStats("events").get("words").emitted() >= emitted + 10,
                    () -> "the spout to emit ten more tuples");
            assertEquals(stopped, EVENTS.size(), "no event after debugging stopped");

            // The Storm UI's Debug action on one component.
            EVENTS.clear();
            assertEquals(200, post(server, "/api/v1/topology/" + id + "/component/count/debug/enable/50")
                    .statusCode());
            Await.until(DEADLINE, () -> eventsOf("count") > 0, () -> "the counter's events");
            assertEquals(0, eventsOf("words"), "only the component debugged");
            assertEquals(200, post(server, "/api/v1/topology/" + id + "/debug/disable/0").statusCode());
            HttpResponse<String> badPercent = post(server, "/api/v1/topology/" + id + "/debug/enable/lots");
            assertEquals(400, badPercent.statusCode(), badPercent.body());
            assertTrue(badPercent.body().contains("above 0 and at most 100"), badPercent.body());
            assertEquals(400, post(server, "/api/v1/topology/" + id + "/debug/enable/150").statusCode());
            assertThrows(NotAliveException.class, () -> cluster.debug("events", "nosuch", true, 10));
        } finally {
            System.clearProperty("squall.logs.dir");
        }
    }

    private static JsonNode get(DashboardServer server, String path) {
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), res.body());
            return new ObjectMapper().readTree(res.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(path, e);
        }
    }

    /** Waits for the counter's events, then checks that none of the spout's came meanwhile. */
    private static void onlyTheCounterIsSampled() {
        EVENTS.clear();
        Await.until(DEADLINE, () -> eventsOf("count") >= 20, () -> "twenty of the counter's events");
        assertEquals(0, eventsOf("words"), "the spout's own setting, stopped, counts over the topology's");
    }

    @Test
    void aComponentsOwnSettingCountsOverTheTopologysAndEachIsShownAsOnStorm() {
        EVENTS.clear();
        Config conf = new Config();
        conf.registerEventLogger(Recording.class);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 1);
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            cluster.submitTopology("apart", conf, b.createTopology());
            String id = cluster.getTopologyInfo("apart").get_id();
            assertEquals(Map.of(), cluster.getTopologyInfo("apart").get_component_debug());
            JsonNode page = get(server, "/api/v1/topology/" + id);
            assertEquals(false, page.get("debug").asBoolean());
            assertEquals(10.0, page.get("samplingPct").asDouble(), "Storm UI's default when never set");

            cluster.debug("apart", "", true, 100);
            cluster.debug("apart", "words", false, 0);
            onlyTheCounterIsSampled();
            assertEquals(Map.of(id, new DebugOptions(true, 100), "words", new DebugOptions(false, 0)),
                    cluster.getTopologyInfo("apart").get_component_debug());

            // Stopping the topology's debugging leaves a component debugged on its own; each keeps its percentage.
            cluster.debug("apart", "count", true, 50);
            cluster.debug("apart", "", false, 0);
            onlyTheCounterIsSampled();
            assertEquals(Map.of(id, new DebugOptions(false, 100), "words", new DebugOptions(false, 0),
                    "count", new DebugOptions(true, 50)), cluster.getTopologyInfo("apart").get_component_debug());
            page = get(server, "/api/v1/topology/" + id);
            assertEquals(false, page.get("debug").asBoolean());
            assertEquals(100.0, page.get("samplingPct").asDouble(), "kept after stopping, as Storm keeps it");
            JsonNode count = get(server, "/api/v1/topology/" + id + "/component/count");
            assertEquals(true, count.get("debug").asBoolean());
            assertEquals(50.0, count.get("samplingPct").asDouble());
        }
    }

    @Test
    void aTopologyWithNoEventLoggerExecutorsSamplesNothing() {
        EVENTS.clear();
        Config conf = new Config();
        conf.registerEventLogger(Recording.class);
        conf.setNumEventLoggers(0);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 1);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("no-events", conf, b.createTopology());
            cluster.debug("no-events", "", true, 100);
            Await.until(DEADLINE, () -> cluster.getComponentStats("no-events").get("words").emitted() > 20,
                    () -> "the spout to emit");
            assertEquals(0, EVENTS.size());
        }
    }
}
