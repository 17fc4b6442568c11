package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSpoutConfigTest {

    @Test
    void buildsWithStormsDefaults() {
        KafkaSpoutConfig<String, String> c = KafkaSpoutConfig.builder("127.0.0.1:9092", "a", "b").build();
        assertEquals(List.of("a", "b"), c.getTopics());
        assertEquals(FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST, c.getFirstPollOffsetStrategy());
        assertEquals(KafkaSpoutConfig.ProcessingGuarantee.AT_LEAST_ONCE, c.getProcessingGuarantee());
        assertEquals(30_000, c.getOffsetsCommitPeriodMs());
        assertEquals(2_000, c.getPartitionRefreshPeriodMs());
        assertEquals(KafkaSpoutConfig.DEFAULT_GROUP_ID, c.getConsumerGroupId());
        assertTrue(c.getTranslator() instanceof DefaultRecordTranslator);
    }

    @Test
    void aLambdaTranslatorTravelsWithTheTopology() throws Exception {
        KafkaSpoutConfig<String, String> c = KafkaSpoutConfig.builder("h:1", Pattern.compile("clicks-.*"))
                .setRecordTranslator(r -> new Values(r.value()), new Fields("v"), "clicks")
                .setProcessingGuarantee(KafkaSpoutConfig.ProcessingGuarantee.AT_MOST_ONCE)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new KafkaSpout<>(c));
        }
        @SuppressWarnings("unchecked")
        KafkaSpout<String, String> copy = (KafkaSpout<String, String>) new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray())).readObject();
        RecordTranslator<String, String> t = copy.getKafkaSpoutConfig().getTranslator();
        List<Object> tuple = t.apply(new ConsumerRecord<>("clicks-1", 0, 5L, "k", "v"));
        assertEquals(List.of("v"), tuple);
        assertEquals("clicks", ((KafkaTuple) tuple).getStream());
        assertEquals(List.of("clicks"), t.streams());
        assertEquals("clicks-.*", copy.getKafkaSpoutConfig().getTopicPattern().pattern());
    }

    @Test
    void aDeserializerClassThatDoesNotExistIsNamedAtBuildTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                KafkaSpoutConfig.builder("h:1", "t")
                        .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "com.example.NoSuchDeserializer")
                        .build());
        assertTrue(e.getMessage().contains("value.deserializer") && e.getMessage().contains("com.example.NoSuchDeserializer")
                && e.getMessage().contains("classpath"), e.getMessage());
        IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class, () ->
                KafkaSpoutConfig.builder("h:1", "t").setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, String.class)
                        .build());
        assertTrue(notOne.getMessage().contains("does not implement"), notOne.getMessage());
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> KafkaSpoutConfig.builder("", "t"));
        assertThrows(IllegalArgumentException.class, () -> KafkaSpoutConfig.builder("h:1", new String[0]));
        assertThrows(IllegalArgumentException.class, () ->
                KafkaSpoutConfig.builder("h:1", "t").setMaxUncommittedOffsets(0).build());
        IllegalArgumentException autoCommit = assertThrows(IllegalArgumentException.class, () ->
                KafkaSpoutConfig.builder("h:1", "t").setProp(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true").build());
        assertTrue(autoCommit.getMessage().contains("enable.auto.commit"));
    }
}
