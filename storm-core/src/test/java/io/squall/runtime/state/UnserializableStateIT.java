package io.squall.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.UnserializableStateTest.PoisonCounter;
import io.squall.runtime.state.UnserializableStateTest.Unwritable;
import io.squall.state.InMemoryKeyValueStateProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real threads in local mode: a stateful bolt that puts a value Kryo cannot serialize. The error reaches the
 * topology's errors on the dashboard's JSON API naming the component, the task, the class and
 * {@code topology.kryo.register}; the checkpoint spout counts the failed checkpoint in {@code checkpoint.failures};
 * the worker goes on, and the counts end exact with the poisoned tuple replayed. (The providers one by one:
 * {@link UnserializableStateTest}, and squall-redis's RedisUnserializableStateIT.)
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class UnserializableStateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
        UnserializableStateTest.POISON.clear();
    }

    @Test
    void showsTheErrorOnTheDashboardCountsTheFailedCheckpointAndEndsExact() throws Exception {
        String name = "poison-local";
        InMemoryKeyValueStateProvider.clear(name);
        Run r = new Run(StatefulFixtures.sentences(2000, 11));
        StatefulFixtures.RUNS.put(name, r);
        UnserializableStateTest.POISON.put(name, ConcurrentHashMap.newKeySet());
        UnserializableStateTest.POISON.get(name).add(1000);
        Config conf = UnserializableStateTest.conf(name, InMemoryKeyValueStateProvider.class.getName(), null);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer dashboard = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            cluster.submitTopology(name, conf, UnserializableStateTest.topology(name));
            Await.until(Duration.ofSeconds(60), r::done, () -> "all sentences acked; acked " + r.acked.size());
            assertTrue(UnserializableStateTest.POISON.get(name).isEmpty(), "the poison was put");

            String url = "http://127.0.0.1:" + dashboard.port() + "/api/v1/topologies/" + name + "/metrics";
            JsonNode[] error = new JsonNode[1];
            Await.until(Duration.ofSeconds(30), () -> {
                for (JsonNode e : get(url).path("errors")) {
                    if (e.path("message").asText().contains(Unwritable.class.getName())) {
                        error[0] = e;
                        return true;
                    }
                }
                return false;
            }, () -> "the error on the dashboard: " + get(url).path("errors"));
            String message = error[0].get("message").asText();
            assertEquals("count", error[0].get("component").asText());
            int task = error[0].get("task").asInt();
            assertTrue(message.contains("stateful bolt 'count' (task " + task + ", " + PoisonCounter.class.getName())
                    && message.contains("key poison-1000") && message.contains("topology.kryo.register"), message);

            var metrics = WorkerMetrics.of(cluster, name).worker().metrics().registry();
            long failures = metrics.getCounters().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(".checkpoint.failures"))
                    .mapToLong(e -> e.getValue().getCount()).sum();
            assertTrue(failures >= 1, "the poisoned checkpoint counted: " + failures);
            assertTrue(r.failures.get() >= 1, "the poisoned tuple replayed");
        }
        Map<String, Object> expected = new TreeMap<>(r.expectedCounts());
        assertEquals(expected, UnserializableStateTest.committedCounts(new InMemoryKeyValueStateProvider(),
                UnserializableStateTest.conf(name, InMemoryKeyValueStateProvider.class.getName(), null)));
    }

    private static JsonNode get(String url) {
        try {
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode(), url + ": " + res.body());
            return JSON.readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
