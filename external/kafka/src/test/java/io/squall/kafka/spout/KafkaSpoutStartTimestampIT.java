package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.kafka.SharedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TIMESTAMP first poll strategy starts each partition at its first record at or after the start timestamp. */
class KafkaSpoutStartTimestampIT {

    @Test
    @Timeout(90)
    void startsAtTheFirstRecordAtOrAfterTheStartTimestamp() throws Exception {
        String topic = "from-timestamp";
        SharedKafka.createTopic(topic, 1);
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> p = SharedKafka.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>(topic, 0, base + i * 1_000L, "k" + i, String.valueOf(i))).get();
            }
        }
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setGroupId(topic)
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.TIMESTAMP)
                .setStartTimeStamp(base + 4_500)
                .setOffsetCommitPeriodMs(300)
                .setPartitionRefreshPeriodMs(500)
                .build();
        Recorder.Seen seen = Recorder.seen(topic);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, KafkaSpoutIT.conf(),
                    KafkaSpoutIT.topology(config, 1, new Recorder(topic, 0)).createTopology());
            Await.until(Duration.ofSeconds(60),
                    () -> Long.valueOf(10).equals(SharedKafka.committed(topic, topic).get(tp)),
                    () -> "the spout to commit to the log end, committed " + SharedKafka.committed(topic, topic));
        }
        assertEquals(Set.of("0:5", "0:6", "0:7", "0:8", "0:9"), seen.distinct,
                "the records from the first one at or after the start timestamp (offset 5) on");
    }
}
