package io.squall.redis.bolt;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTuple;
import io.squall.testing.FixedTupleSpout;
import io.squall.testing.TupleCaptureBolt;
import io.squall.testsupport.RedisServer;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** storm-redis's bolts in local-mode topologies against a real redis-server. */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBoltsIT {
    private static RedisServer server;
    private static JedisPoolConfig config;
    /** For the checks; the outage test, which kills the server, runs after the test that uses it. */
    private static RedisClient redis;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        config = new JedisPoolConfig.Builder().setHost(server.host()).setPort(server.port()).build();
        redis = RedisClients.connect(config, "the test");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<List<Object>> counts(int n) {
        List<List<Object>> tuples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tuples.add(new Values("w" + i, i));
        }
        return tuples;
    }

    private static void runUntilAcked(LocalCluster cluster, String name, TopologyBuilder b, AckTracker tracker,
                                      int n) {
        cluster.submitTopology(name, new Config(), b.createTopology());
        Await.until(Duration.ofSeconds(60), () -> tracker.distinctAcked() == n,
                () -> tracker.distinctAcked() + " of " + n + " tuples of " + name + " acked");
        cluster.killTopology(name);
    }

    @Test
    @Order(1)
    void theStoreBoltWritesEveryTupleAndTheFilterAndLookupBoltsReadThemBack() {
        int stored = 200;
        int asked = 300;
        AckTracker storeAcks = AckTracker.named("store");
        AckTracker queryAcks = AckTracker.named("query");
        TupleCaptureBolt capture = new TupleCaptureBolt();
        try (LocalCluster cluster = new LocalCluster()) {
            TopologyBuilder store = new TopologyBuilder();
            store.setSpout("counts", new FixedTupleSpout(counts(stored), new Fields("word", "count"), "store"));
            store.setBolt("hash", new RedisStoreBolt(config, new WordMappers.Store(RedisDataType.HASH, "counts")), 2)
                    .shuffleGrouping("counts");
            store.setBolt("zset", new RedisStoreBolt(config,
                    new WordMappers.Store(RedisDataType.SORTED_SET, "scores")), 1).shuffleGrouping("counts");
            runUntilAcked(cluster, "store", store, storeAcks, stored);

            assertEquals(stored, redis.hlen("counts"));
            assertEquals("7", redis.hget("counts", "w7"));
            assertEquals(199.0, redis.zscore("scores", "w199"));

            List<List<Object>> words = new ArrayList<>();
            for (int i = 0; i < asked; i++) {
                words.add(new Values("w" + i));
            }
            TopologyBuilder query = new TopologyBuilder();
            query.setSpout("words", new FixedTupleSpout(words, new Fields("word"), "query"));
            query.setBolt("known", new RedisFilterBolt(config, new WordMappers.Filter(RedisDataType.HASH, "counts")),
                    2).shuffleGrouping("words");
            query.setBolt("lookup", new RedisLookupBolt(config, new WordMappers.Lookup("counts")), 2)
                    .shuffleGrouping("known");
            query.setBolt("capture", capture).shuffleGrouping("lookup");
            runUntilAcked(cluster, "query", query, queryAcks, asked);

            Map<Object, Object> found = new HashMap<>();
            for (FixedTuple t : capture.getAndRemoveResults().getOrDefault("lookup", List.of())) {
                found.put(t.values.get(0), t.values.get(1));
            }
            Map<Object, Object> expected = new HashMap<>();
            for (int i = 0; i < stored; i++) {
                expected.put("w" + i, Integer.toString(i));
            }
            assertEquals(expected, found, "only the stored words pass the filter, each with its count");
            assertEquals(0, queryAcks.totalFails());
        } finally {
            AckTracker.remove("store");
            AckTracker.remove("query");
        }
    }

    @Test
    @Order(2)
    void tuplesThatFailWhileRedisIsDownAreReplayedAndStoredOnceItIsBack() {
        int n = 50;
        AckTracker acks = AckTracker.named("outage");
        try (LocalCluster cluster = new LocalCluster()) {
            server.kill();
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("counts", new FixedTupleSpout(counts(n), new Fields("word", "count"), "outage"));
            b.setBolt("store", new RedisStoreBolt(config, new WordMappers.Store(RedisDataType.STRING, null)))
                    .shuffleGrouping("counts");
            cluster.submitTopology("outage", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> acks.totalFails() >= n,
                    () -> acks.totalFails() + " fails while Redis is down, expected at least " + n);
            assertEquals(0, acks.distinctAcked());

            server.restart();
            Await.until(Duration.ofSeconds(60), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " acked after Redis came back");
            // a new client: the shared one's pooled connection died with the server
            try (RedisClient fresh = RedisClients.connect(config, "the test")) {
                for (int i = 0; i < n; i++) {
                    assertEquals(Integer.toString(i), fresh.get("w" + i));
                }
            }
        } finally {
            if (!server.isRunning()) {
                server.restart();
            }
            AckTracker.remove("outage");
        }
    }
}
