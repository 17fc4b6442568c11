package io.squall.redis.state;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.state.StatefulBoltRunner;
import io.squall.runtime.state.StatefulFixtures;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.StatefulFixtures.SentenceSpout;
import io.squall.runtime.state.StatefulFixtures.SplitBolt;
import io.squall.runtime.state.StatefulFixtures.WordCounter;
import io.squall.state.KeyValueState;
import io.squall.testsupport.RedisServer;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stateful word count of squall-core's StatefulWordCountIT with its state in a real redis-server: 100,000
 * sentences with bolts failing mid-sentence, and Redis killed for a while mid-run (checkpoints fail, counted in
 * the checkpoint spout's {@code checkpoint.failures} that the dashboard shows, and are retried once it is back), end
 * with the exact counts in Redis. The dashboard's JSON API then reads every word's count and each task's number of
 * keys from the Redis states (queryable state).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisStatefulWordCountIT {
    private static final int SENTENCES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @SuppressWarnings("unchecked")
    void countsExactlyOnceInRedisDespiteFailuresAndRedisGoingDownMidRun() {
        String name = "stateful-wc-redis";
        Run r = new Run(StatefulFixtures.sentences(SENTENCES, 42));
        for (int i = 0; i < SENTENCES; i += 4999) {
            r.splitFailsOnce.add(i);
            r.countFailsOnce.add(i + 2500);
        }
        StatefulFixtures.RUNS.put(name, r);
        try (RedisServer redis = RedisServer.start(); LocalCluster cluster = new LocalCluster();
             DashboardServer dashboard = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            Config conf = new Config();
            conf.setNumAckers(1);
            conf.setMaxSpoutPending(20_000);
            conf.setMessageTimeoutSecs(60);
            conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
            conf.put(Config.TOPOLOGY_STATE_PROVIDER, RedisKeyValueStateProvider.class.getName());
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": "
                    + redis.port() + ", \"timeout\": 2000}}");
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("sentences", new SentenceSpout(name));
            b.setBolt("split", new SplitBolt(name), 2).shuffleGrouping("sentences");
            b.setBolt("count", new WordCounter(name), 2).setNumTasks(4).fieldsGrouping("split", new Fields("word"));
            cluster.submitTopology(name, conf, b.createTopology());
            Await.until(Duration.ofSeconds(120), () -> r.acked.size() >= SENTENCES / 3,
                    () -> "a third of the sentences acked before Redis goes down: " + r.acked.size());
            MetricRegistry metrics = WorkerMetrics.of(cluster, name).worker().metrics().registry();
            long failedBefore = checkpointFailures(metrics);
            redis.kill();
            Await.until(Duration.ofSeconds(60), () -> checkpointFailures(metrics) >= failedBefore + 2,
                    () -> "checkpoints failing while Redis is down: " + checkpointFailures(metrics));
            int ackedWhileDown = r.acked.size();
            redis.restart();
            Await.until(Duration.ofSeconds(150), r::done, () -> "all sentences acked; acked " + r.acked.size()
                    + "; the last errors: " + errors(cluster, name, "count") + errors(cluster, name, "$checkpointspout"));
            assertTrue(r.failures.get() >= 40, "injected failures replayed: " + r.failures.get());
            System.out.println("RedisStatefulWordCountIT: " + checkpointFailures(metrics) + " checkpoints failed, "
                    + ackedWhileDown + " sentences acked when Redis came back");

            Map<String, Long> counted = new TreeMap<>();
            for (int group = 0; group < 128; group++) {
                var s = (KeyValueState<String, Long>) new RedisKeyValueStateProvider().newState(
                        StatefulBoltRunner.groupNamespace("count", group), named(conf, name), null);
                s.forEach(e -> counted.put(e.getKey(), e.getValue()));
                if (s instanceof AutoCloseable c) {
                    c.close();
                }
            }
            assertEquals(r.expectedCounts(), counted);

            String api = "http://127.0.0.1:" + dashboard.port() + "/api/v1/topologies/" + name + "/state/count";
            Map<String, Long> queried = new TreeMap<>();
            for (String word : counted.keySet()) {
                JsonNode a = get(api + "?key=" + word);
                assertTrue(a.get("task").asInt() > 0, a::toString);
                queried.put(word, a.get("value").asLong());
            }
            assertEquals(r.expectedCounts(), queried, "the counts the dashboard reads");
            assertTrue(get(api + "?key=zebra").get("value").isNull(), "a word never counted");
            long keys = 0;
            JsonNode tasks = get(api).get("tasks");
            for (JsonNode t : tasks) {
                keys += t.get("size").asLong();
            }
            assertEquals(4, tasks.size(), tasks::toString);
            assertEquals(counted.size(), keys, "each word in one task's size: " + tasks);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            StatefulFixtures.RUNS.remove(name);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void startsOnceARedisThatIsDownAtTheStartComesBack() throws Exception {
        String name = "stateful-wc-redis-late";
        Run r = new Run(StatefulFixtures.sentences(2_000, 7));
        StatefulFixtures.RUNS.put(name, r);
        try (RedisServer redis = RedisServer.start(); LocalCluster cluster = new LocalCluster()) {
            redis.kill();
            Config conf = new Config();
            conf.setNumAckers(1);
            conf.setMessageTimeoutSecs(30);
            conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 100);
            conf.put(Config.TOPOLOGY_STATE_PROVIDER, RedisKeyValueStateProvider.class.getName());
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"jedisPoolConfig\": {\"host\": \"127.0.0.1\", \"port\": "
                    + redis.port() + ", \"timeout\": 2000}}");
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("sentences", new SentenceSpout(name));
            b.setBolt("split", new SplitBolt(name), 2).shuffleGrouping("sentences");
            b.setBolt("count", new WordCounter(name), 2).fieldsGrouping("split", new Fields("word"));
            cluster.submitTopology(name, conf, b.createTopology());
            MetricRegistry metrics = WorkerMetrics.of(cluster, name).worker().metrics().registry();
            String port = String.valueOf(redis.port());
            Await.until(Duration.ofSeconds(60), () -> checkpointFailures(metrics) >= 3
                            && cluster.getErrors(name, "$checkpointspout").stream().anyMatch(e -> e.message()
                            .contains("cannot read its progress") && e.message().contains(port)),
                    () -> "checkpoints failing, with an error naming Redis, while it is down: "
                            + checkpointFailures(metrics) + " " + cluster.getErrors(name, "$checkpointspout"));
            assertTrue(r.acked.isEmpty(), "nothing acked without a checkpoint: " + r.acked.size());
            redis.restart();
            Await.until(Duration.ofSeconds(120), r::done, () -> "all sentences acked; acked " + r.acked.size());
            Map<String, Long> counted = new TreeMap<>();
            for (int group = 0; group < 128; group++) {
                var s = (RedisKeyValueState<String, Long>) new RedisKeyValueStateProvider().newState(
                        StatefulBoltRunner.groupNamespace("count", group), named(conf, name), null);
                try (s) {
                    s.forEach(e -> counted.put(e.getKey(), e.getValue()));
                }
            }
            assertEquals(r.expectedCounts(), counted);
        } finally {
            StatefulFixtures.RUNS.remove(name);
        }
    }

    /** The topology's configuration as its tasks see it, with its name (which scopes its keys in Redis). */
    private static Map<String, Object> named(Config conf, String name) {
        Map<String, Object> c = new HashMap<>(conf);
        c.put(Config.TOPOLOGY_NAME, name);
        return c;
    }

    /** The dashboard's 200 answer to a GET, as JSON. */
    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), url + ": " + res.body());
        return JSON.readTree(res.body());
    }

    /** The messages of the errors {@code component} reported, for a failure's message. */
    private static List<String> errors(LocalCluster cluster, String name, String component) {
        return cluster.getErrors(name, component).stream().map(ReportedError::message).toList();
    }

    /** The checkpoint spout's failed checkpoints so far. */
    private static long checkpointFailures(MetricRegistry metrics) {
        return metrics.getCounters().entrySet().stream().filter(e -> e.getKey().endsWith(".checkpoint.failures"))
                .mapToLong(e -> e.getValue().getCount()).sum();
    }
}
