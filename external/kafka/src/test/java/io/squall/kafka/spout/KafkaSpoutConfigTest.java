package io.squall.kafka.spout;

import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.kafka.spout.subscription.PatternTopicFilter;
import io.squall.kafka.spout.subscription.RoundRobinManualPartitioner;
import io.squall.kafka.spout.subscription.TopicFilter;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        assertEquals(KafkaSpoutConfig.DEFAULT_PROCESSING_GUARANTEE, c.getProcessingGuarantee());
        assertEquals(KafkaSpoutConfig.DEFAULT_FIRST_POLL_OFFSET_STRATEGY, c.getFirstPollOffsetStrategy());
        assertSame(KafkaSpoutConfig.DEFAULT_TUPLE_LISTENER, c.getTupleListener());
    }

    @Test
    void theConstructorTakingABuilderValidatesAsBuildDoes() {
        KafkaSpoutConfig<String, String> c = new KafkaSpoutConfig<>(KafkaSpoutConfig.builder("h:1", "t")
                .setGroupId("g"));
        assertEquals("g", c.getConsumerGroupId());
        assertThrows(IllegalArgumentException.class, () ->
                new KafkaSpoutConfig<>(KafkaSpoutConfig.builder("h:1", "t").setOffsetCommitPeriodMs(0)));
        assertTrue(c.toString().contains("topics [t]") && c.toString().contains("group=g"), c.toString());
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
    void theNamedAndPatternFormsReadThroughStormsFiltersAndRoundRobinPartitioner() {
        KafkaSpoutConfig<String, String> named = KafkaSpoutConfig.builder("h:1", "a", "b").build();
        assertTrue(named.getTopicFilter() instanceof NamedTopicFilter);
        assertEquals("a,b", named.getTopicFilter().getTopicsString());
        assertTrue(named.getTopicPartitioner() instanceof RoundRobinManualPartitioner);
        KafkaSpoutConfig<String, String> pattern = KafkaSpoutConfig.builder("h:1", Pattern.compile("c-.*")).build();
        assertEquals("c-.*", ((PatternTopicFilter) pattern.getTopicFilter()).getTopicsPattern());
        assertEquals("topics matching 'c-.*'", pattern.getTopicsDescription());
    }

    @Test
    void aUsersFilterAndPartitionerAreKept() {
        TopicFilter filter = new NamedTopicFilter("x");
        ManualPartitioner partitioner = (all, context) -> Set.copyOf(all);
        KafkaSpoutConfig<String, String> c = new KafkaSpoutConfig.Builder<String, String>("h:1", filter, partitioner)
                .setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .build();
        assertSame(filter, c.getTopicFilter());
        assertSame(partitioner, c.getTopicPartitioner());
        assertThrows(IllegalArgumentException.class,
                () -> new KafkaSpoutConfig.Builder<String, String>("h:1", null, partitioner));
        assertThrows(IllegalArgumentException.class,
                () -> new KafkaSpoutConfig.Builder<String, String>("h:1", filter, null));
    }

    @Test
    void theGroupIdComesFromSetGroupIdOverSetPropAndCanBeChangedAfterBuilding() {
        KafkaSpoutConfig<String, String> c = KafkaSpoutConfig.builder("h:1", "t")
                .setProp(ConsumerConfig.GROUP_ID_CONFIG, "from-prop")
                .setGroupId("from-setter")
                .build();
        assertEquals("from-setter", c.getConsumerGroupId());
        assertEquals("from-setter", c.getKafkaProps().get(ConsumerConfig.GROUP_ID_CONFIG));
        c.setConsumerGroupId("later");
        assertEquals("later", c.getKafkaProps().get(ConsumerConfig.GROUP_ID_CONFIG));
        c.setConsumerGroupId(null);
        assertEquals("later", c.getConsumerGroupId(), "null changes nothing");
    }

    @Test
    void keepsTheMetricsTimeBucketAndStartTimestamp() {
        KafkaSpoutConfig<String, String> defaults = KafkaSpoutConfig.builder("h:1", "t").build();
        assertEquals(KafkaSpoutConfig.DEFAULT_METRICS_TIME_BUCKET_SIZE_SECONDS,
                defaults.getMetricsTimeBucketSizeInSecs());
        assertEquals(KafkaSpoutConfig.DEFAULT_START_TS, defaults.getStartTimeStamp());
        KafkaSpoutConfig<String, String> c = KafkaSpoutConfig.builder("h:1", "t")
                .setMetricsTimeBucketSizeInSecs(10).setStartTimeStamp(1234L).build();
        assertEquals(10, c.getMetricsTimeBucketSizeInSecs());
        assertEquals(1234L, c.getStartTimeStamp());
        assertThrows(IllegalArgumentException.class, () ->
                KafkaSpoutConfig.builder("h:1", "t").setMetricsTimeBucketSizeInSecs(0).build());
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
