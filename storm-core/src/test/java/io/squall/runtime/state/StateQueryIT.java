package io.squall.runtime.state;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.StatefulFixtures.SentenceSpout;
import io.squall.runtime.state.StatefulFixtures.SplitBolt;
import io.squall.runtime.state.StatefulFixtures.WordCounter;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's JSON API reads a stateful bolt's committed state, and checkpoints show in the metrics. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StateQueryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void answersAKeysCommittedValueAndEachTasksStateSize() throws Exception {
        String name = "state-query";
        Run r = new Run(StatefulFixtures.sentences(2000, 3));
        StatefulFixtures.RUNS.put(name, r);
        InMemoryKeyValueStateProvider.clear(name);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(name));
        b.setBolt("split", new SplitBolt(name), 2).shuffleGrouping("sentences");
        b.setBolt("count", new WordCounter(name), 3).fieldsGrouping("split", new Fields("word"));
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            cluster.submitTopology(name, conf, b.createTopology());
            Await.until(Duration.ofSeconds(60), r::done, () -> "all sentences acked; acked " + r.acked.size());
            Map<String, Long> expected = r.expectedCounts();

            JsonNode apple = get(server, "/api/v1/topologies/state-query/state/count?key=apple", 200);
            assertEquals(expected.get("apple"), apple.get("value").asLong());
            assertTrue(apple.get("task").asInt() > 0);
            assertTrue(get(server, "/api/v1/topologies/state-query/state/count?key=zebra", 200).get("value").isNull());

            JsonNode sizes = get(server, "/api/v1/topologies/state-query/state/count", 200).get("tasks");
            assertEquals(3, sizes.size());
            long total = 0;
            for (JsonNode t : sizes) {
                total += t.get("size").asLong();
            }
            assertEquals(expected.size(), total, "every word is in exactly one task");

            assertTrue(get(server, "/api/v1/topologies/state-query/state/split?key=apple", 404).get("error").asText()
                    .contains("no queryable state"));
            assertTrue(get(server, "/api/v1/topologies/state-query/state/nope", 404).get("error").asText()
                    .contains("no component 'nope'"));
            assertEquals(404, call(server, "/api/v1/topologies/other/state/count").statusCode());

            var names = WorkerMetrics.of(cluster, name).worker().metrics().registry().getNames();
            for (String metric : new String[] {"checkpoint.committed-txid", "checkpoint.duration-ms",
                "checkpoint.failures", "checkpoint.alignment-ms", "state.size", "checkpoint.last-keys",
                "state.replays-skipped"}) {
                assertTrue(names.stream().anyMatch(n -> n.endsWith("." + metric)), metric + " in " + names);
            }
            long logBytes = 0;
            for (Object g : WorkerMetrics.of(cluster, name).worker().metrics().registry()
                    .getGauges((n, m) -> n.endsWith(".state.applied-log.bytes")).values()) {
                logBytes += ((Number) ((Gauge<?>) g).getValue()).longValue();
            }
            long words = expected.values().stream().mapToLong(Long::longValue).sum();
            assertTrue(logBytes >= 8 * words, "the applied logs hold 8 bytes per counted word at least: " + logBytes
                    + " bytes for " + words + " words");
        } finally {
            StatefulFixtures.RUNS.remove(name);
        }
    }

    private static HttpResponse<String> call(DashboardServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(DashboardServer server, String path, int status) throws Exception {
        HttpResponse<String> res = call(server, path);
        assertEquals(status, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }
}
