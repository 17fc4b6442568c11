package io.squall.kafka.trident;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Await;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.trident.KafkaTridentSpoutConfig;
import io.squall.kafka.spout.trident.KafkaTridentSpoutOpaque;
import io.squall.kafka.spout.trident.KafkaTridentSpoutTransactional;
import io.squall.kafka.trident.mapper.FieldNameBasedTupleToKafkaMapper;
import io.squall.kafka.trident.selector.DefaultTopicSelector;
import io.squall.trident.Stream;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka to Kafka through Trident with a transactional producer: batches that crash half-way through their writes,
 * and batches replayed after their commit, still show each result exactly once to a read_committed consumer.
 */
class KafkaToKafkaExactlyOnceIT {
    private static final int RECORDS = 3_000;
    /** Attempts that already crashed, by test: each chosen txid crashes on its first attempt only. */
    static final Map<String, Set<Long>> CRASHED = new ConcurrentHashMap<>();

    /** Writes half of the batch of txids 3 and 6 into the open transaction, then dies, on their first attempt. */
    static class CrashingUpdater extends TridentKafkaStateUpdater<String, String> {
        private static final long serialVersionUID = 1L;
        private final String test;
        private transient long txid;

        CrashingUpdater(String test) {
            this.test = test;
        }

        @Override
        public void updateState(TridentKafkaState<String, String> state, List<TridentTuple> tuples,
                                TridentCollector collector) {
            long tx = state.currentTxid();
            if ((tx == 3 || tx == 6) && tuples.size() > 1 && CRASHED.computeIfAbsent(test, t ->
                    ConcurrentHashMap.newKeySet()).add(tx)) {
                state.updateState(tuples.subList(0, tuples.size() / 2), collector);
                throw new IllegalStateException("crash in the middle of batch " + tx);
            }
            super.updateState(state, tuples, collector);
            collector.emit(new Values(tx));
        }
    }

    /** Fails batch 4 once after its state committed, so Trident replays a txid Kafka already has. */
    static class FailAfterCommit extends BaseFilter {
        private static final long serialVersionUID = 1L;
        private final String test;

        FailAfterCommit(String test) {
            this.test = test;
        }

        @Override
        public boolean isKeep(TridentTuple tuple) {
            long tx = tuple.getLong(0);
            if (tx == 4 && CRASHED.computeIfAbsent(test + "-after", t -> ConcurrentHashMap.newKeySet()).add(tx)) {
                throw new IllegalStateException("failure after the commit of batch " + tx);
            }
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"opaque", "transactional"})
    @Timeout(150)
    void eachResultIsReadOnceDespiteCrashesMidBatch(String spoutKind) {
        String in = "eo-in-" + spoutKind;
        String out = "eo-out-" + spoutKind;
        SharedKafka.createTopic(in, 2);
        SharedKafka.createTopic(out, 2);
        SharedKafka.produce(in, 0, RECORDS);
        // Storm's Trident spout configuration, as a ported topology builds it.
        KafkaTridentSpoutConfig<String, String> spoutConfig = KafkaTridentSpoutConfig
                .builder(SharedKafka.bootstrap(), in)
                .setProp(ConsumerConfig.GROUP_ID_CONFIG, in)
                .setProp(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.EARLIEST)
                .setRecordTranslator(r -> new Values(r.value()), new Fields("n"))
                .build();
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eo-" + spoutKind);
        TridentKafkaStateFactory<String, String> state = new TridentKafkaStateFactory<String, String>()
                .withProducerProperties(producer)
                .withKafkaTopicSelector(new DefaultTopicSelector(out))
                .withTridentTupleToKafkaMapper(new FieldNameBasedTupleToKafkaMapper<>("key", "message"));

        TridentTopology t = new TridentTopology();
        Stream s = spoutKind.equals("opaque") ? t.newStream("eo-" + spoutKind, new KafkaTridentSpoutOpaque<>(spoutConfig))
                : t.newStream("eo-" + spoutKind, new KafkaTridentSpoutTransactional<>(spoutConfig));
        s.map(tuple -> new Values(tuple.getString(0), "out-" + tuple.getString(0)), new Fields("key", "message"))
                .partitionPersist(state, new Fields("key", "message"), new CrashingUpdater(spoutKind), new Fields("tx"))
                .parallelismHint(2)
                .newValuesStream()
                .each(new Fields("tx"), new FailAfterCommit(spoutKind));
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 20);
        conf.setMaxSpoutPending(2);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("eo-" + spoutKind, conf, t.build());
            Await.until(Duration.ofSeconds(120), () -> SharedKafka.readAll(out, "read_committed").size() >= RECORDS,
                    () -> SharedKafka.readAll(out, "read_committed").size() + " of " + RECORDS + " results committed");
        }
        List<String> committed = SharedKafka.readAll(out, "read_committed");
        Map<String, Integer> times = new HashMap<>();
        committed.forEach(v -> times.merge(v, 1, Integer::sum));
        assertEquals(RECORDS, times.size(), "every input has its result");
        times.forEach((v, n) -> assertEquals(1, n, v + " read " + n + " times"));
        assertEquals(RECORDS, committed.size());
        assertTrue(CRASHED.get(spoutKind).containsAll(Set.of(3L, 6L)), "batches 3 and 6 crashed mid-way");
        // The halves of the crashed batches reach the log only if the producer sent them before the crash; whether
        // it did is up to its batching, so a read_uncommitted consumer sees at least every committed result.
        assertTrue(SharedKafka.readAll(out, "read_uncommitted").size() >= RECORDS,
                "a read_uncommitted consumer sees every committed result, and any aborted half that reached the log");
    }
}
