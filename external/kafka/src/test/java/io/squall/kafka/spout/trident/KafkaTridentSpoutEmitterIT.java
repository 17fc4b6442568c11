package io.squall.kafka.spout.trident;

import io.squall.kafka.SharedKafka;
import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Trident emitter's first batch of a partition, against a real broker. */
class KafkaTridentSpoutEmitterIT {

    @Test
    @Timeout(60)
    void aTimestampStrategyStartsAtTheFirstRecordAtOrAfterTheStartTimestamp() throws Exception {
        String topic = "trident-from-timestamp";
        SharedKafka.createTopic(topic, 1);
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> p = SharedKafka.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>(topic, 0, base + i * 1_000L, "k" + i, "v" + i)).get();
            }
        }
        KafkaTridentSpoutConfig<String, String> config = KafkaTridentSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.TIMESTAMP)
                .setStartTimeStamp(base + 6_500)
                .build();
        KafkaSpoutConfig<String, String> spoutConfig = config.spoutConfig();
        assertEquals(base + 6_500, config.getStartTimeStamp());
        KafkaTridentSpoutEmitter<String, String> emitter = new KafkaTridentSpoutEmitter<>(spoutConfig);
        List<List<Object>> emitted = new ArrayList<>();
        TridentCollector collector = new TridentCollector() {
            @Override
            public void emit(List<Object> values) {
                emitted.add(values);
            }

            @Override
            public void reportError(Throwable t) {
                throw new AssertionError(t);
            }
        };
        try {
            KafkaTridentSpoutBatchMetadata meta = emitter.emitNew(new TransactionAttempt(1L, 0), collector,
                    new KafkaTridentSpoutTopicPartition(topic, 0), null);
            assertEquals(7, meta.firstOffset(), "offset 7 is the first record at or after the start timestamp");
            for (List<Object> values : emitted) {
                assertTrue(values.stream().noneMatch(v -> List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6")
                        .contains(v)), "a record older than the start timestamp was emitted: " + values);
            }
        } finally {
            emitter.close();
        }
    }
}
