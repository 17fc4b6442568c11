package io.squall.redis.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.redis.common.mapper.RedisDataTypeDescription;
import io.squall.redis.common.mapper.RedisDataTypeDescription.RedisDataType;
import io.squall.redis.common.mapper.RedisLookupMapper;
import io.squall.redis.common.mapper.RedisStoreMapper;
import io.squall.redis.trident.state.KeyFactory;
import io.squall.redis.trident.state.Options;
import io.squall.redis.trident.state.RedisMapState;
import io.squall.redis.trident.state.RedisState;
import io.squall.redis.trident.state.RedisStateQuerier;
import io.squall.redis.trident.state.RedisStateUpdater;
import io.squall.testsupport.RedisServer;
import io.squall.topology.FailedException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.trident.TridentState;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.state.JSONOpaqueSerializer;
import io.squall.trident.state.JSONTransactionalSerializer;
import io.squall.trident.state.StateFactory;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** storm-redis's Trident states in local-mode Trident topologies against a real redis-server. */
@Timeout(150)
class RedisTridentStateIT {
    private static final String[] VOCABULARY = {"apple", "pear", "plum", "fig", "kiwi", "lime"};
    private static RedisServer server;
    private static JedisPoolConfig config;
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

    /** Two partitions of sentences, and the true count of every word. */
    record Corpus(List<List<List<Object>>> partitions, Map<String, Long> counts, long words) {
        static Corpus of(int sentencesPerPartition, long seed) {
            Random random = new Random(seed);
            List<List<List<Object>>> partitions = new ArrayList<>();
            Map<String, Long> counts = new HashMap<>();
            long words = 0;
            for (int p = 0; p < 2; p++) {
                List<List<Object>> sentences = new ArrayList<>();
                for (int i = 0; i < sentencesPerPartition; i++) {
                    List<String> s = new ArrayList<>();
                    for (int w = 0; w < 1 + random.nextInt(5); w++) {
                        String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
                        s.add(word);
                        counts.merge(word, 1L, Long::sum);
                        words++;
                    }
                    sentences.add(new Values(String.join(" ", s)));
                }
                partitions.add(sentences);
            }
            return new Corpus(partitions, counts, words);
        }
    }

    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    /** Passes a batch through, but fails the first attempt of the given txids (once per name and txid). */
    static final class FailFirstAttempts extends BaseAggregator<List<List<Object>>> {
        static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
        private final String name;
        private final Set<Long> txids;
        private transient TransactionAttempt tx;

        FailFirstAttempts(String name, Set<Long> txids) {
            this.name = name;
            this.txids = txids;
        }

        @Override
        public List<List<Object>> init(Object batchId, TridentCollector collector) {
            tx = (TransactionAttempt) batchId;
            return new ArrayList<>();
        }

        @Override
        public void aggregate(List<List<Object>> batch, TridentTuple tuple, TridentCollector collector) {
            batch.add(new ArrayList<>(tuple));
        }

        @Override
        public void complete(List<List<Object>> batch, TridentCollector collector) {
            if (txids.contains(tx.getTransactionId()) && FAILED.add(name + "/" + tx.getTransactionId())) {
                throw new FailedException("injected failure of " + tx + " in " + name);
            }
            batch.forEach(collector::emit);
        }
    }

    /** Sentences counted per word into {@code state}; batches fail before and after their update. */
    private static TridentTopology wordCount(String txId, Corpus corpus, StateFactory state) {
        TridentTopology t = new TridentTopology();
        t.newStream(txId, new FixedTransactionalSpout(new Fields("sentence"), 5, corpus.partitions()))
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .partitionAggregate(new Fields("word"), new FailFirstAttempts(txId + "-before", Set.of(1L)),
                        new Fields("w"))
                .groupBy(new Fields("w"))
                .persistentAggregate(state, new Count(), new Fields("count"))
                .parallelismHint(2)
                .newValuesStream()
                .partitionAggregate(new Fields("w", "count"),
                        new FailFirstAttempts(txId + "-after", Set.of(2L, 3L)), new Fields("w2", "c2"));
        return t;
    }

    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 10);
        return conf;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void transactionalCountsInAHashAreExactThoughBatchesFailBeforeAndAfterTheirUpdate() {
        Corpus corpus = Corpus.of(40, 7);
        String hash = "wc-tx";
        RedisDataTypeDescription type = new RedisDataTypeDescription(RedisDataType.HASH, hash);
        JSONTransactionalSerializer json = new JSONTransactionalSerializer();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("redis-tx", conf(),
                    wordCount("redis-tx", corpus, RedisMapState.transactional(config, type)).build());
            Map<String, Long> counts = new HashMap<>();
            Await.until(Duration.ofSeconds(120), () -> {
                counts.clear();
                redis.hgetAll(bytes(hash)).forEach((k, v) -> counts.put(new String(k, StandardCharsets.UTF_8),
                        (Long) json.deserialize(v).getVal()));
                counts.forEach((w, n) -> assertTrue(n <= corpus.counts().get(w), "over-counted " + w + ": " + counts));
                return counts.equals(corpus.counts());
            }, () -> "counts in Redis " + counts + " to equal " + corpus.counts());
        }
        assertTrue(FailFirstAttempts.FAILED.containsAll(Set.of("redis-tx-before/1", "redis-tx-after/2",
                "redis-tx-after/3")), "the batches failed as planned: " + FailFirstAttempts.FAILED);
        String stored = redis.hget(hash, "apple");
        assertTrue(stored.matches("\\[\\d+,\\d+]"), "Storm's layout, [txid,count]: " + stored);
    }

    @Test
    void opaqueCountsUnderPrefixedStringKeysExpireAndAnUngroupedCountIsUnderTheGlobalKey() {
        Corpus corpus = Corpus.of(20, 11);
        Options<Object> options = new Options<>();
        options.keyFactory = key -> "op:" + key.get(0);
        options.expireIntervalSec = 600;
        options.globalKey = "op-total";
        JSONOpaqueSerializer json = new JSONOpaqueSerializer();
        TridentTopology t = wordCount("redis-op", corpus, RedisMapState.opaque(config, options));
        t.newStream("redis-op-all", new FixedTransactionalSpout(new Fields("sentence"), 5, corpus.partitions()))
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .persistentAggregate(RedisMapState.opaque(config, options), new Count(), new Fields("all"));
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("redis-op", conf(), t.build());
            Map<String, Long> counts = new HashMap<>();
            Await.until(Duration.ofSeconds(120), () -> {
                counts.clear();
                for (String w : VOCABULARY) {
                    byte[] v = redis.get(bytes("op:" + w));
                    if (v != null) {
                        counts.put(w, (Long) json.deserialize(v).getCurr());
                    }
                }
                byte[] all = redis.get(bytes("op-total"));
                return counts.equals(corpus.counts()) && all != null
                        && Long.valueOf(corpus.words()).equals(json.deserialize(all).getCurr());
            }, () -> "counts in Redis " + counts + " to equal " + corpus.counts() + " and the total "
                    + corpus.words());
        }
        long ttl = redis.ttl("op:apple");
        assertTrue(ttl > 0 && ttl <= 600, "the key expires: ttl " + ttl);
    }

    /** ("word", "count") tuples stored as the count under the word. */
    static final class Store implements RedisStoreMapper {
        private static final long serialVersionUID = 1L;
        private final RedisDataTypeDescription type;

        Store(RedisDataTypeDescription type) {
            this.type = type;
        }

        @Override
        public RedisDataTypeDescription getDataTypeDescription() {
            return type;
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

    /** Looks a word's count up and emits (word, count), or nothing for a word that has none. */
    static final class Lookup implements RedisLookupMapper {
        private static final long serialVersionUID = 1L;
        private final RedisDataTypeDescription type;

        Lookup(RedisDataTypeDescription type) {
            this.type = type;
        }

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
            return type;
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

    static final List<List<Object>> ANSWERS = new CopyOnWriteArrayList<>();

    static final class Record extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            ANSWERS.add(new ArrayList<>(tuple));
        }
    }

    @Test
    void theUpdaterWritesEachTuplesValueAndTheQuerierReadsThemBack() {
        RedisDataTypeDescription hash = new RedisDataTypeDescription(RedisDataType.HASH, "prices");
        RedisDataTypeDescription strings = new RedisDataTypeDescription(RedisDataType.STRING);
        redis.hset("prices", Map.of("fig", "4", "kiwi", "2"));
        RedisState.Factory factory = new RedisState.Factory(config);
        TridentTopology t = new TridentTopology();
        t.newStream("redis-upd", new FixedBatchSpout(new Fields("word", "count"), 2,
                        new Values("upd-a", 1), new Values("upd-b", 2), new Values("upd-a", 3)))
                .partitionPersist(factory, new Fields("word", "count"),
                        new RedisStateUpdater(new Store(strings)).withExpire(900), new Fields());
        TridentState prices = t.newStaticState(factory);
        t.newStream("redis-query", new FixedBatchSpout(new Fields("word"), 3, new Values("fig"), new Values("kiwi"),
                        new Values("none")))
                .stateQuery(prices, new Fields("word"), new RedisStateQuerier(new Lookup(hash)),
                        new Fields("w", "price"))
                .each(new Fields("w", "price"), new Record(), new Fields());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("redis-upd", conf(), t.build());
            Await.until(Duration.ofSeconds(60), () -> "3".equals(redis.get("upd-a")) && "2".equals(redis.get("upd-b"))
                            && ANSWERS.size() >= 2,
                    () -> "upd-a " + redis.get("upd-a") + ", upd-b " + redis.get("upd-b") + ", answers " + ANSWERS);
        }
        assertTrue(redis.ttl("upd-a") > 0, "withExpire makes the keys expire");
        assertEquals(Set.of(List.of("fig", "4"), List.of("kiwi", "2")), Set.copyOf(ANSWERS),
                "each word with its price; a word without one gives nothing");
    }

    @Test
    void settingsRedisCannotHoldAreRefusedSayingWhatToDo() {
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class, () -> RedisMapState.opaque(
                config, new RedisDataTypeDescription(RedisDataType.LIST)));
        assertTrue(list.getMessage().contains("LIST") && list.getMessage().contains("HASH"), list.getMessage());
        IllegalArgumentException compound = assertThrows(IllegalArgumentException.class,
                () -> new KeyFactory.DefaultKeyFactory().build(List.of("a", "b")));
        assertTrue(compound.getMessage().contains("KeyFactory"), compound.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RedisStateUpdater(
                new Store(new RedisDataTypeDescription(RedisDataType.SET))));
        assertThrows(IllegalArgumentException.class, () -> new RedisStateUpdater(
                new Store(new RedisDataTypeDescription(RedisDataType.STRING))).withExpire(-1));
    }
}
