package io.squall.redis.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.redis.bolt.RedisLookupBolt;
import io.squall.redis.bolt.RedisStoreBolt;
import io.squall.redis.common.RedisClients;
import io.squall.redis.common.RedisUnavailableException;
import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.redis.trident.RedisTridentStateIT.Corpus;
import io.squall.redis.trident.RedisTridentStateIT.FailFirstAttempts;
import io.squall.redis.trident.RedisTridentStateIT.Split;
import io.squall.redis.trident.state.RedisClusterMapState;
import io.squall.redis.trident.state.RedisClusterState;
import io.squall.redis.trident.state.RedisClusterStateQuerier;
import io.squall.redis.trident.state.RedisClusterStateUpdater;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTuple;
import io.squall.testing.FixedTupleSpout;
import io.squall.testing.TupleCaptureBolt;
import io.squall.testsupport.RedisServer;
import io.squall.testsupport.RedisTestCluster;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.trident.TridentState;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.state.JSONOpaqueSerializer;
import io.squall.trident.state.JSONTransactionalSerializer;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * storm-redis's Redis Cluster support (the bolts, {@link RedisClusterMapState}, {@link RedisClusterState}) in
 * local-mode topologies against a real cluster of three redis-server nodes, one of which a test kills mid-run.
 */
@Timeout(180)
class RedisClusterIT {
    private static final String[] VOCABULARY = {"apple", "pear", "plum", "fig", "kiwi", "lime"};
    private static RedisTestCluster redisCluster;
    private static JedisClusterConfig config;
    private static RedisClusterClient redis;

    @BeforeAll
    static void startCluster() {
        redisCluster = RedisTestCluster.start(3);
        Set<InetSocketAddress> nodes = new LinkedHashSet<>();
        for (String hostPort : redisCluster.hostPorts().split(",")) {
            String[] hp = hostPort.split(":");
            nodes.add(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
        }
        config = new JedisClusterConfig.Builder().setNodes(nodes).build();
        redis = RedisClients.connectCluster(config, "the test");
    }

    @AfterAll
    static void stopCluster() {
        if (redis != null) {
            redis.close();
        }
        if (redisCluster != null) {
            redisCluster.close();
        }
    }

    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 10);
        return conf;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** ("word", "count") stored as the count under the word, a STRING key. */
    static final class Store implements RedisStoreMapper {
        private static final long serialVersionUID = 1L;

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return new RedisDataTypeDescription(RedisDataType.STRING);
        }

        @Override
        public String getKeyFromTuple(ITuple tuple) {
            return tuple.getStringByField("word");
        }

        @Override
        public String getValueFromTuple(ITuple tuple) {
            return String.valueOf(tuple.getValueByField("count"));
        }
    }

    /** Looks a word's STRING key up and emits (word, value); a word without one gives nothing. */
    static final class Lookup implements RedisLookupMapper {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Values> toTuple(ITuple input, Object value) {
            return value == null ? List.of() : List.of(new Values(getKeyFromTuple(input), value));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
        }

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return new RedisDataTypeDescription(RedisDataType.STRING);
        }

        @Override
        public String getKeyFromTuple(ITuple tuple) {
            return tuple.getStringByField("word");
        }

        @Override
        public String getValueFromTuple(ITuple tuple) {
            return null;
        }
    }

    @Test
    void theBoltsWriteKeysOverEveryNodeAndReadThemBack() {
        int n = 300;
        List<List<Object>> counts = new ArrayList<>();
        List<List<Object>> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            counts.add(new Values("bolt-w" + i, i));
            words.add(new Values("bolt-w" + i));
        }
        words.add(new Values("bolt-none"));
        AckTracker storeAcks = AckTracker.named("cluster-store");
        AckTracker queryAcks = AckTracker.named("cluster-query");
        TupleCaptureBolt capture = new TupleCaptureBolt();
        try (LocalCluster cluster = new LocalCluster()) {
            TopologyBuilder store = new TopologyBuilder();
            store.setSpout("counts", new FixedTupleSpout(counts, new Fields("word", "count"), "cluster-store"));
            store.setBolt("store", new RedisStoreBolt(config, new Store()), 2).shuffleGrouping("counts");
            cluster.submitTopology("cluster-store", new Config(), store.createTopology());
            Await.until(Duration.ofSeconds(60), () -> storeAcks.distinctAcked() == n,
                    () -> storeAcks.distinctAcked() + " of " + n + " stores acked");

            for (RedisServer node : redisCluster.nodes()) {
                long keys = Long.parseLong(node.command("DBSIZE").substring(1));
                assertTrue(keys > 0, "node " + node.port() + " holds some of the keys");
            }

            TopologyBuilder query = new TopologyBuilder();
            query.setSpout("words", new FixedTupleSpout(words, new Fields("word"), "cluster-query"));
            query.setBolt("lookup", new RedisLookupBolt(config, new Lookup()), 2).shuffleGrouping("words");
            query.setBolt("capture", capture).shuffleGrouping("lookup");
            cluster.submitTopology("cluster-query", new Config(), query.createTopology());
            Await.until(Duration.ofSeconds(60), () -> queryAcks.distinctAcked() == n + 1,
                    () -> queryAcks.distinctAcked() + " of " + (n + 1) + " lookups acked");

            Map<Object, Object> found = new HashMap<>();
            for (FixedTuple t : capture.getAndRemoveResults().getOrDefault("lookup", List.of())) {
                found.put(t.values.get(0), t.values.get(1));
            }
            Map<Object, Object> expected = new HashMap<>();
            for (int i = 0; i < n; i++) {
                expected.put("bolt-w" + i, Integer.toString(i));
            }
            assertEquals(expected, found, "each stored word with its count, from whichever node holds it");
            assertEquals(0, storeAcks.totalFails() + queryAcks.totalFails());
        } finally {
            AckTracker.remove("cluster-store");
            AckTracker.remove("cluster-query");
        }
    }

    @Test
    void mapStatesCountExactlyThoughANodeIsKilledAndRestartedMidRun() throws Exception {
        Corpus corpus = Corpus.of(300, 17);
        JSONTransactionalSerializer tx = new JSONTransactionalSerializer();
        JSONOpaqueSerializer opaque = new JSONOpaqueSerializer();
        String hash = "cluster-wc-opaque";
        TridentTopology t = new TridentTopology();
        t.newStream("cluster-tx", new FixedTransactionalSpout(new Fields("sentence"), 5, corpus.partitions()))
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .partitionAggregate(new Fields("word"), new FailFirstAttempts("cluster-tx", Set.of(1L)),
                        new Fields("w"))
                .groupBy(new Fields("w"))
                .persistentAggregate(RedisClusterMapState.transactional(config), new Count(), new Fields("count"))
                .parallelismHint(2);
        t.newStream("cluster-op", new FixedTransactionalSpout(new Fields("sentence"), 5, corpus.partitions()))
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(RedisClusterMapState.opaque(config,
                        new RedisDataTypeDescription(RedisDataType.HASH, hash)), new Count(), new Fields("count"));
        RedisServer victim = redisCluster.nodes().get(1);
        Map<String, Long> strings = new HashMap<>();
        Map<String, Long> hashed = new HashMap<>();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("cluster-wc", conf(), t.build());
            Await.until(Duration.ofSeconds(60), () -> redis.get(bytes("apple")) != null,
                    () -> "a first count in the cluster");
            victim.kill();
            Thread.sleep(3000); // longer than the node timeout: the cluster marks the node as failed
            victim.restart();
            Await.until(Duration.ofSeconds(150), () -> {
                strings.clear();
                hashed.clear();
                try {
                    for (String w : VOCABULARY) {
                        byte[] v = redis.get(bytes(w));
                        if (v != null) {
                            strings.put(w, (Long) tx.deserialize(v).getVal());
                        }
                    }
                    redis.hgetAll(bytes(hash)).forEach((k, v) -> hashed.put(new String(k, StandardCharsets.UTF_8),
                            (Long) opaque.deserialize(v).getCurr()));
                } catch (JedisException clusterStillRecovering) {
                    return false;
                }
                strings.forEach((w, c) -> assertTrue(c <= corpus.counts().get(w), "over-counted " + w + ": " + c));
                return strings.equals(corpus.counts()) && hashed.equals(corpus.counts());
            }, () -> "counts in the cluster " + strings + " and " + hashed + " to equal " + corpus.counts());
        } finally {
            if (!victim.isRunning()) {
                victim.restart();
            }
        }
        assertTrue(FailFirstAttempts.FAILED.contains("cluster-tx/1"), "the first batch failed as planned");
    }

    static final List<List<Object>> ANSWERS = new CopyOnWriteArrayList<>();

    static final class Record extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            ANSWERS.add(new ArrayList<>(tuple));
        }
    }

    @Test
    void theClusterStatesUpdaterWritesEachTuplesValueAndTheQuerierReadsThemBack() {
        redis.set("q-fig", "4");
        redis.set("q-kiwi", "2");
        RedisClusterState.Factory factory = new RedisClusterState.Factory(config);
        TridentTopology t = new TridentTopology();
        t.newStream("cluster-upd", new FixedBatchSpout(new Fields("word", "count"), 2,
                        new Values("upd-a", 1), new Values("upd-b", 2), new Values("upd-a", 3)))
                .partitionPersist(factory, new Fields("word", "count"),
                        new RedisClusterStateUpdater(new Store()).withExpire(900), new Fields());
        TridentState prices = t.newStaticState(factory);
        t.newStream("cluster-q", new FixedBatchSpout(new Fields("word"), 3, new Values("q-fig"), new Values("q-kiwi"),
                        new Values("q-none")))
                .stateQuery(prices, new Fields("word"), new RedisClusterStateQuerier(new Lookup()),
                        new Fields("w", "price"))
                .each(new Fields("w", "price"), new Record(), new Fields());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("cluster-upd", conf(), t.build());
            Await.until(Duration.ofSeconds(60), () -> "3".equals(redis.get("upd-a")) && "2".equals(redis.get("upd-b"))
                            && ANSWERS.size() >= 2,
                    () -> "upd-a " + redis.get("upd-a") + ", upd-b " + redis.get("upd-b") + ", answers " + ANSWERS);
        }
        assertTrue(redis.ttl("upd-a") > 0, "withExpire makes the keys expire");
        assertEquals(Set.of(List.of("q-fig", "4"), List.of("q-kiwi", "2")), Set.copyOf(ANSWERS),
                "each word with its value; a word without one gives nothing");
    }

    @Test
    void aClusterNoNodeOfWhichAnswersIsNamedAndFailsTuplesInsteadOfTheWorker() {
        JedisClusterConfig nowhere = new JedisClusterConfig.Builder()
                .setNodes(Set.of(new InetSocketAddress("127.0.0.1", 1))).setTimeout(500).build();
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class,
                () -> RedisClients.connectCluster(nowhere, "the test's config"));
        assertTrue(e.getMessage().contains("127.0.0.1:1") && e.getMessage().contains("the test's config")
                && e.getMessage().contains("Start its nodes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JedisClusterConfig.Builder().build(),
                "a config without nodes is refused");

        int n = 20;
        List<List<Object>> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            counts.add(new Values("down-w" + i, i));
        }
        AckTracker acks = AckTracker.named("cluster-down");
        try (LocalCluster cluster = new LocalCluster()) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("counts", new FixedTupleSpout(counts, new Fields("word", "count"), "cluster-down"));
            b.setBolt("store", new RedisStoreBolt(nowhere, new Store())).shuffleGrouping("counts");
            cluster.submitTopology("cluster-down", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> acks.totalFails() >= n,
                    () -> acks.totalFails() + " fails while no node answers, expected at least " + n);
            assertEquals(0, acks.distinctAcked());
        } finally {
            AckTracker.remove("cluster-down");
        }
    }
}
