package io.squall.kafka.bolt;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Await;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.bolt.mapper.FieldNameBasedTupleToKafkaMapper;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KafkaBolt writes every tuple to the broker, acked once sent (or at once when fire-and-forget). */
class KafkaBoltIT {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @Timeout(90)
    void writesEveryTupleAndAcksIt(boolean fireAndForget) {
        String topic = "bolt-out-" + fireAndForget;
        int n = 5_000;
        SharedKafka.createTopic(topic, 2);
        List<List<Object>> input = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            input.add(new Values("k" + i, "m" + i));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaBolt<String, String> bolt = new KafkaBolt<String, String>()
                .withProducerProperties(props)
                .withTopicSelector(topic)
                .withTupleToKafkaMapper(new FieldNameBasedTupleToKafkaMapper<>("word", "line"));
        bolt.setFireAndForget(fireAndForget);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("in", new FixedTupleSpout(input, new Fields("word", "line"), topic));
        b.setBolt("kafka", bolt, 2).shuffleGrouping("in");
        AckTracker tracker = AckTracker.named(topic);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> tracker.distinctAcked() == n,
                    () -> tracker.distinctAcked() + " of " + n + " acked");
            Await.until(Duration.ofSeconds(30), () -> SharedKafka.endOffsets(topic).values().stream()
                    .mapToLong(Long::longValue).sum() == n, () -> SharedKafka.endOffsets(topic) + " to hold " + n);
            Set<String> values = new HashSet<>(SharedKafka.readAll(topic, "read_committed"));
            assertEquals(n, values.size());
            assertEquals(0, tracker.totalFails());
        } finally {
            AckTracker.remove(topic);
        }
    }
}
