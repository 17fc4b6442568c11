package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's Trident spout configuration: what is set is what the spouts read by, and a bad setting is refused. */
class KafkaTridentSpoutConfigTest {
    @Test
    void theSettingsReachTheSpoutsConfiguration() {
        KafkaTridentSpoutConfig<String, String> c = KafkaTridentSpoutConfig.builder("h:9092", "a", "b")
                .setProp(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 200)
                .setRecordTranslator(r -> new Values(r.value()), new Fields("str"))
                .setFirstPollOffsetStrategy(FirstPollOffsetStrategy.EARLIEST)
                .setPollTimeoutMs(50)
                .setPartitionRefreshPeriodMs(5_000)
                .build();
        assertEquals(200, c.getKafkaProps().get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
        assertEquals(StringDeserializer.class, c.getKafkaProps().get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG));
        assertEquals(FirstPollOffsetStrategy.EARLIEST, c.getFirstPollOffsetStrategy());
        assertEquals(50, c.getPollTimeoutMs());
        assertEquals(5_000, c.getPartitionRefreshPeriodMs());
        assertEquals(List.of("a", "b"), c.spoutConfig().getTopics());
        assertEquals(List.of("v"), c.getTranslator().apply(new ConsumerRecord<>("a", 0, 0, "k", "v")));
        assertEquals(new Fields("str").toList(), new KafkaTridentSpoutOpaque<>(c).getOutputFields().toList());
        assertEquals(new Fields("str").toList(), new KafkaTridentSpoutTransactional<>(c).getOutputFields().toList());
        assertEquals(Pattern.compile("t-.*").pattern(), KafkaTridentSpoutConfig.builder("h:9092",
                Pattern.compile("t-.*")).build().spoutConfig().getTopicPattern().pattern());
    }

    @Test
    void aBadSettingIsRefusedAtBuildNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KafkaTridentSpoutConfig.Builder<String, String>("h:9092", "a").build());
        assertTrue(e.getMessage().contains("key.deserializer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaTridentSpoutConfig.builder(" ", "a"));
    }
}
