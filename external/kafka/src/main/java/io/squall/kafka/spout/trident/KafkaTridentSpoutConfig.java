package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.Func;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.kafka.spout.RecordTranslator;
import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.TopicFilter;
import io.squall.tuple.Fields;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a Trident Kafka spout ({@link KafkaTridentSpoutOpaque}, {@link KafkaTridentSpoutTransactional}) reads and how,
 * as Storm's: the topics, the consumer's properties, the record translator, the first poll's offsets, the poll
 * timeout and how often partitions are listed again. The options of {@link KafkaSpoutConfig} that only a
 * {@code KafkaSpout} uses (processing guarantee, retries, commit period) are not here: a Trident spout's batches
 * are its transactions, and it keeps their offsets in Trident's coordinator state.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class KafkaTridentSpoutConfig<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final KafkaSpoutConfig<K, V> config;

    /** The configuration {@code builder} holds. */
    public KafkaTridentSpoutConfig(Builder<K, V> builder) {
        this.config = builder.inner.build();
    }

    /** A builder for string keys and values read from {@code topics}. */
    public static Builder<String, String> builder(String bootstrapServers, String... topics) {
        return new Builder<>(KafkaSpoutConfig.builder(bootstrapServers, topics));
    }

    /** A builder for string keys and values read from {@code topics}. */
    public static Builder<String, String> builder(String bootstrapServers, Set<String> topics) {
        return new Builder<>(KafkaSpoutConfig.builder(bootstrapServers, topics));
    }

    /** A builder for string keys and values read from every topic whose name matches {@code topicPattern}. */
    public static Builder<String, String> builder(String bootstrapServers, Pattern topicPattern) {
        return new Builder<>(KafkaSpoutConfig.builder(bootstrapServers, topicPattern));
    }

    /** The same settings as the {@link KafkaSpoutConfig} the Trident spouts read by. */
    KafkaSpoutConfig<K, V> spoutConfig() {
        return config;
    }

    /** Which partitions the spouts read, over all their tasks. */
    public TopicFilter getTopicFilter() {
        return config.getTopicFilter();
    }

    /** Which of those partitions each task reads. */
    public ManualPartitioner getTopicPartitioner() {
        return config.getTopicPartitioner();
    }

    /** The consumer's properties. */
    public Map<String, Object> getKafkaProps() {
        return config.getKafkaProps();
    }

    public RecordTranslator<K, V> getTranslator() {
        return config.getTranslator();
    }

    public FirstPollOffsetStrategy getFirstPollOffsetStrategy() {
        return config.getFirstPollOffsetStrategy();
    }

    public long getPollTimeoutMs() {
        return config.getPollTimeoutMs();
    }

    public long getPartitionRefreshPeriodMs() {
        return config.getPartitionRefreshPeriodMs();
    }

    /** Where the {@code TIMESTAMP} first poll strategies start a partition (ms since the epoch). */
    public long getStartTimeStamp() {
        return config.getStartTimeStamp();
    }

    @Override
    public String toString() {
        return "KafkaTridentSpoutConfig{" + config.getTopicsDescription() + "}";
    }

    /**
     * Builds a {@link KafkaTridentSpoutConfig}; each setter is {@link KafkaSpoutConfig.Builder}'s.
     *
     * @param <K> the record key type
     * @param <V> the record value type
     */
    public static class Builder<K, V> {
        private final KafkaSpoutConfig.Builder<K, V> inner;

        /** Reads {@code topics}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, String... topics) {
            this(new KafkaSpoutConfig.Builder<>(bootstrapServers, topics));
        }

        /** Reads {@code topics}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, Set<String> topics) {
            this(new KafkaSpoutConfig.Builder<>(bootstrapServers, topics));
        }

        /** Reads every topic whose name matches {@code topicPattern}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, Pattern topicPattern) {
            this(new KafkaSpoutConfig.Builder<>(bootstrapServers, topicPattern));
        }

        /**
         * Reads the partitions {@code topicFilter} passes, each task those {@code topicPartitioner} picks for it;
         * set the deserializers with {@link #setProp}.
         */
        public Builder(String bootstrapServers, TopicFilter topicFilter, ManualPartitioner topicPartitioner) {
            this(new KafkaSpoutConfig.Builder<>(bootstrapServers, topicFilter, topicPartitioner));
        }

        private Builder(KafkaSpoutConfig.Builder<K, V> inner) {
            this.inner = inner;
        }

        public Builder<K, V> setProp(String key, Object value) {
            inner.setProp(key, value);
            return this;
        }

        public Builder<K, V> setProp(Map<String, Object> props) {
            inner.setProp(props);
            return this;
        }

        public Builder<K, V> setProp(Properties props) {
            inner.setProp(props);
            return this;
        }

        public Builder<K, V> setFirstPollOffsetStrategy(FirstPollOffsetStrategy strategy) {
            inner.setFirstPollOffsetStrategy(strategy);
            return this;
        }

        public Builder<K, V> setRecordTranslator(RecordTranslator<K, V> translator) {
            inner.setRecordTranslator(translator);
            return this;
        }

        public Builder<K, V> setRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields) {
            inner.setRecordTranslator(func, fields);
            return this;
        }

        public Builder<K, V> setRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields,
                                                 String stream) {
            inner.setRecordTranslator(func, fields, stream);
            return this;
        }

        public Builder<K, V> setPollTimeoutMs(long pollTimeoutMs) {
            inner.setPollTimeoutMs(pollTimeoutMs);
            return this;
        }

        public Builder<K, V> setPartitionRefreshPeriodMs(long partitionRefreshPeriodMs) {
            inner.setPartitionRefreshPeriodMs(partitionRefreshPeriodMs);
            return this;
        }

        /**
         * Where the {@code TIMESTAMP} first poll strategies start a partition: at its first record whose timestamp
         * (ms since the epoch) is at least this; default 0.
         */
        public Builder<K, V> setStartTimeStamp(long startTimeStamp) {
            inner.setStartTimeStamp(startTimeStamp);
            return this;
        }

        /**
         * Checks the settings and builds the configuration.
         *
         * @throws IllegalArgumentException naming the setting that is wrong and what to do
         */
        public KafkaTridentSpoutConfig<K, V> build() {
            return new KafkaTridentSpoutConfig<>(this);
        }
    }
}
