package io.squall.kafka.spout;

import io.squall.kafka.spout.KafkaSpoutRetryExponentialBackoff.TimeInterval;
import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.kafka.spout.subscription.PatternTopicFilter;
import io.squall.kafka.spout.subscription.RoundRobinManualPartitioner;
import io.squall.kafka.spout.subscription.TopicFilter;
import io.squall.tuple.Fields;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link KafkaSpout} reads and how: made with {@link #builder} or a {@link Builder}, validated by
 * {@link Builder#build()}, and immutable once built but for {@link #setConsumerGroupId}, which Storm's API has.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public final class KafkaSpoutConfig<K, V> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Commit every 30 s. */
    public static final long DEFAULT_OFFSET_COMMIT_PERIOD_MS = 30_000;
    /** Look for new partitions every 2 s. */
    public static final long DEFAULT_PARTITION_REFRESH_PERIOD_MS = 2_000;
    /** Wait at most 200 ms in a poll. */
    public static final long DEFAULT_POLL_TIMEOUT_MS = 200;
    /** Up to 10,000,000 records of a partition fetched and not yet committable. */
    public static final int DEFAULT_MAX_UNCOMMITTED_OFFSETS = 10_000_000;
    /** The consumer group when {@code group.id} is not set. */
    public static final String DEFAULT_GROUP_ID = "kafkaSpoutTestGroup";
    /** The default of the retry service's maximum retries: retry forever. */
    public static final int DEFAULT_MAX_RETRIES = Integer.MAX_VALUE;
    /** The default processing guarantee: at least once. */
    public static final ProcessingGuarantee DEFAULT_PROCESSING_GUARANTEE = ProcessingGuarantee.AT_LEAST_ONCE;
    /** The default first poll offset strategy: the committed offset, else the beginning. */
    public static final FirstPollOffsetStrategy DEFAULT_FIRST_POLL_OFFSET_STRATEGY =
            FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST;
    /** The default tuple listener: one that does nothing. */
    public static final KafkaTupleListener DEFAULT_TUPLE_LISTENER = new EmptyKafkaTupleListener();
    /** The default of {@link Builder#setMetricsTimeBucketSizeInSecs}: 60 s. */
    public static final int DEFAULT_METRICS_TIME_BUCKET_SIZE_SECONDS = 60;
    /** The default of {@link Builder#setStartTimeStamp}: the epoch. */
    public static final long DEFAULT_START_TS = 0L;
    /** Retry at once, then after 2 ms, 4 ms, ... up to 10 s, forever. */
    public static final KafkaSpoutRetryService DEFAULT_RETRY_SERVICE = new KafkaSpoutRetryExponentialBackoff(
            TimeInterval.seconds(0), TimeInterval.milliSeconds(2), DEFAULT_MAX_RETRIES, TimeInterval.seconds(10));

    /**
     * What a spout promises about each record.
     * <ul>
     * <li>{@link #AT_LEAST_ONCE}: tuples are tracked; only offsets whose tuples completed (and all before them) are
     * committed; failed tuples are emitted again.</li>
     * <li>{@link #AT_MOST_ONCE}: offsets are committed as soon as records are fetched, before their tuples are
     * emitted; tuples are not tracked.</li>
     * <li>{@link #NO_GUARANTEE}: tuples are not tracked; offsets are committed every commit period.</li>
     * </ul>
     */
    public enum ProcessingGuarantee {
        AT_LEAST_ONCE, AT_MOST_ONCE, NO_GUARANTEE
    }

    /** Replaced whole by {@link #setConsumerGroupId}, never changed in place. */
    private volatile Map<String, Object> kafkaProps;
    private final TopicFilter topicFilter;
    private final ManualPartitioner topicPartitioner;
    private final FirstPollOffsetStrategy firstPollOffsetStrategy;
    private final ProcessingGuarantee processingGuarantee;
    private final RecordTranslator<K, V> translator;
    private final KafkaSpoutRetryService retryService;
    private final int maxUncommittedOffsets;
    private final long offsetCommitPeriodMs;
    private final boolean emitNullTuples;
    private final long partitionRefreshPeriodMs;
    private final long pollTimeoutMs;
    private final KafkaTupleListener tupleListener;
    private final boolean tupleTrackingEnforced;
    private final int metricsTimeBucketSizeInSecs;
    private final long startTimeStamp;

    /**
     * The configuration {@code b} describes, as {@link Builder#build()} makes it.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and what to do
     */
    public KafkaSpoutConfig(Builder<K, V> b) {
        b.check();
        this.kafkaProps = Collections.unmodifiableMap(new HashMap<>(b.kafkaProps));
        this.topicFilter = b.topicFilter;
        this.topicPartitioner = b.topicPartitioner;
        this.firstPollOffsetStrategy = b.firstPollOffsetStrategy;
        this.processingGuarantee = b.processingGuarantee;
        this.translator = b.translator;
        this.retryService = b.retryService;
        this.maxUncommittedOffsets = b.maxUncommittedOffsets;
        this.offsetCommitPeriodMs = b.offsetCommitPeriodMs;
        this.emitNullTuples = b.emitNullTuples;
        this.partitionRefreshPeriodMs = b.partitionRefreshPeriodMs;
        this.pollTimeoutMs = b.pollTimeoutMs;
        this.tupleListener = b.tupleListener;
        this.tupleTrackingEnforced = b.tupleTrackingEnforced;
        this.metricsTimeBucketSizeInSecs = b.metricsTimeBucketSizeInSecs;
        this.startTimeStamp = b.startTimeStamp;
    }

    /** A builder for string keys and values read from {@code topics}. */
    public static Builder<String, String> builder(String bootstrapServers, String... topics) {
        return withStringDeserializers(new Builder<>(bootstrapServers, topics));
    }

    /** A builder for string keys and values read from {@code topics}. */
    public static Builder<String, String> builder(String bootstrapServers, Set<String> topics) {
        return withStringDeserializers(new Builder<>(bootstrapServers, topics));
    }

    /** A builder for string keys and values read from every topic whose name matches {@code topicPattern}. */
    public static Builder<String, String> builder(String bootstrapServers, Pattern topicPattern) {
        return withStringDeserializers(new Builder<>(bootstrapServers, topicPattern));
    }

    private static Builder<String, String> withStringDeserializers(Builder<String, String> b) {
        return b.setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    /** The consumer's properties, as given to {@code KafkaConsumer} (auto commit off). */
    public Map<String, Object> getKafkaProps() {
        return kafkaProps;
    }

    /** Which partitions the spout reads, over all its tasks. */
    public TopicFilter getTopicFilter() {
        return topicFilter;
    }

    /** Which of those partitions each task reads. */
    public ManualPartitioner getTopicPartitioner() {
        return topicPartitioner;
    }

    /** The topics read when they are named ({@link NamedTopicFilter}), else empty. */
    public List<String> getTopics() {
        return topicFilter instanceof NamedTopicFilter named ? List.copyOf(named.getTopics()) : List.of();
    }

    /** The pattern that picks the topics ({@link PatternTopicFilter}), else null. */
    public Pattern getTopicPattern() {
        return topicFilter instanceof PatternTopicFilter p ? p.getPattern() : null;
    }

    /** The topics (or pattern, or filter) as a user would recognise them, for messages. */
    public String getTopicsDescription() {
        if (topicFilter instanceof PatternTopicFilter p) {
            return "topics matching '" + p.getTopicsPattern() + "'";
        }
        if (topicFilter instanceof NamedTopicFilter named) {
            return "topics " + List.copyOf(named.getTopics());
        }
        return "the topics of filter " + topicFilter.getClass().getName();
    }

    /** The consumer group ({@code group.id}) the spout commits offsets as. */
    public String getConsumerGroupId() {
        return (String) kafkaProps.get(ConsumerConfig.GROUP_ID_CONFIG);
    }

    /**
     * Changes the consumer group ({@code group.id}) of spouts made from this configuration from now on; null
     * changes nothing. A spout already submitted has its own copy of the configuration and keeps its group.
     */
    public void setConsumerGroupId(String groupId) {
        if (groupId == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>(kafkaProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        kafkaProps = Collections.unmodifiableMap(props);
    }

    /**
     * The period, in seconds, Storm's API gives for the spout's metrics. Squall keeps it but does not use it, as Storm
     * 2.7.1 does not: the spout's metrics are read whenever the topology's metrics reporters report.
     */
    public int getMetricsTimeBucketSizeInSecs() {
        return metricsTimeBucketSizeInSecs;
    }

    /** Where the {@code TIMESTAMP} first poll strategies start a partition (ms since the epoch). */
    public long getStartTimeStamp() {
        return startTimeStamp;
    }

    public String getBootstrapServers() {
        return String.valueOf(kafkaProps.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    public FirstPollOffsetStrategy getFirstPollOffsetStrategy() {
        return firstPollOffsetStrategy;
    }

    public ProcessingGuarantee getProcessingGuarantee() {
        return processingGuarantee;
    }

    public RecordTranslator<K, V> getTranslator() {
        return translator;
    }

    public KafkaSpoutRetryService getRetryService() {
        return retryService;
    }

    public int getMaxUncommittedOffsets() {
        return maxUncommittedOffsets;
    }

    public long getOffsetsCommitPeriodMs() {
        return offsetCommitPeriodMs;
    }

    public boolean isEmitNullTuples() {
        return emitNullTuples;
    }

    /** Whether tuples carry message ids (so the acker tracks them) under every processing guarantee. */
    public boolean isTupleTrackingEnforced() {
        return tupleTrackingEnforced;
    }

    public long getPartitionRefreshPeriodMs() {
        return partitionRefreshPeriodMs;
    }

    public long getPollTimeoutMs() {
        return pollTimeoutMs;
    }

    public KafkaTupleListener getTupleListener() {
        return tupleListener;
    }

    @Override
    public String toString() {
        return "KafkaSpoutConfig{" + getTopicsDescription() + ", partitioner=" + topicPartitioner.getClass().getName()
                + ", group=" + getConsumerGroupId() + ", guarantee=" + processingGuarantee + ", firstPoll="
                + firstPollOffsetStrategy + ", commitPeriodMs=" + offsetCommitPeriodMs + ", maxUncommittedOffsets="
                + maxUncommittedOffsets + ", partitionRefreshPeriodMs=" + partitionRefreshPeriodMs + ", pollTimeoutMs="
                + pollTimeoutMs + ", retry=" + retryService + ", emitNullTuples=" + emitNullTuples
                + ", tupleTrackingEnforced=" + tupleTrackingEnforced + "}";
    }

    /**
     * Builds a {@link KafkaSpoutConfig}. Not thread-safe.
     *
     * @param <K> the record key type
     * @param <V> the record value type
     */
    public static class Builder<K, V> {
        private final Map<String, Object> kafkaProps = new HashMap<>();
        private final TopicFilter topicFilter;
        private final ManualPartitioner topicPartitioner;
        private String groupId;
        private int metricsTimeBucketSizeInSecs = DEFAULT_METRICS_TIME_BUCKET_SIZE_SECONDS;
        private long startTimeStamp = DEFAULT_START_TS;
        private FirstPollOffsetStrategy firstPollOffsetStrategy = DEFAULT_FIRST_POLL_OFFSET_STRATEGY;
        private ProcessingGuarantee processingGuarantee = DEFAULT_PROCESSING_GUARANTEE;
        private RecordTranslator<K, V> translator = new DefaultRecordTranslator<>();
        private KafkaSpoutRetryService retryService = DEFAULT_RETRY_SERVICE;
        private int maxUncommittedOffsets = DEFAULT_MAX_UNCOMMITTED_OFFSETS;
        private long offsetCommitPeriodMs = DEFAULT_OFFSET_COMMIT_PERIOD_MS;
        private boolean emitNullTuples;
        private long partitionRefreshPeriodMs = DEFAULT_PARTITION_REFRESH_PERIOD_MS;
        private long pollTimeoutMs = DEFAULT_POLL_TIMEOUT_MS;
        private KafkaTupleListener tupleListener = DEFAULT_TUPLE_LISTENER;
        private boolean tupleTrackingEnforced;

        /** Reads {@code topics}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, String... topics) {
            this(bootstrapServers, new LinkedHashSet<>(List.of(topics)));
        }

        /** Reads {@code topics}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, Set<String> topics) {
            this(bootstrapServers, namedFilter(topics), new RoundRobinManualPartitioner());
        }

        /** Reads every topic whose name matches {@code topicPattern}; set the deserializers with {@link #setProp}. */
        public Builder(String bootstrapServers, Pattern topicPattern) {
            this(bootstrapServers, patternFilter(topicPattern), new RoundRobinManualPartitioner());
        }

        /**
         * Reads the partitions {@code topicFilter} passes, each task those {@code topicPartitioner} picks for it;
         * set the deserializers with {@link #setProp}. The other constructors use a {@link NamedTopicFilter} or a
         * {@link PatternTopicFilter} and a {@link RoundRobinManualPartitioner}.
         */
        public Builder(String bootstrapServers, TopicFilter topicFilter, ManualPartitioner topicPartitioner) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("KafkaSpoutConfig needs the brokers' addresses (host:port,...) as "
                        + "bootstrapServers, got '" + bootstrapServers + "'");
            }
            kafkaProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            this.topicFilter = require(topicFilter, "topic filter");
            this.topicPartitioner = require(topicPartitioner, "topic partitioner");
        }

        private static TopicFilter namedFilter(Set<String> topics) {
            if (topics == null || topics.isEmpty()) {
                throw new IllegalArgumentException("KafkaSpoutConfig needs at least one topic (or a topic pattern)");
            }
            for (String t : topics) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("KafkaSpoutConfig: a topic name is empty in " + topics);
                }
            }
            return new NamedTopicFilter(topics);
        }

        private static TopicFilter patternFilter(Pattern topicPattern) {
            if (topicPattern == null) {
                throw new IllegalArgumentException("KafkaSpoutConfig needs at least one topic (or a topic pattern)");
            }
            return new PatternTopicFilter(topicPattern);
        }

        /** Sets a {@code KafkaConsumer} property (see Kafka's {@code ConsumerConfig}). */
        public Builder<K, V> setProp(String key, Object value) {
            kafkaProps.put(key, value);
            return this;
        }

        /** Sets {@code KafkaConsumer} properties. */
        public Builder<K, V> setProp(Map<String, Object> props) {
            kafkaProps.putAll(props);
            return this;
        }

        /** Sets {@code KafkaConsumer} properties. */
        public Builder<K, V> setProp(Properties props) {
            props.forEach((k, v) -> kafkaProps.put((String) k, v));
            return this;
        }

        /**
         * The consumer group ({@code group.id}) the spout commits offsets as; it wins over a {@code group.id} given
         * to {@link #setProp}. Default {@link #DEFAULT_GROUP_ID}.
         */
        public Builder<K, V> setGroupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /**
         * Storm's period, in seconds, for the spout's metrics; at least 1, default 60. Squall keeps it (see
         * {@link KafkaSpoutConfig#getMetricsTimeBucketSizeInSecs}) but its metrics are read whenever the topology's
         * metrics reporters report, as in Storm 2.7.1.
         */
        public Builder<K, V> setMetricsTimeBucketSizeInSecs(int metricsTimeBucketSizeInSecs) {
            this.metricsTimeBucketSizeInSecs = metricsTimeBucketSizeInSecs;
            return this;
        }

        /**
         * Where the {@code TIMESTAMP} and {@code UNCOMMITTED_TIMESTAMP} first poll strategies start a partition: at
         * its first record whose timestamp (ms since the epoch) is at least this; default 0.
         */
        public Builder<K, V> setStartTimeStamp(long startTimeStamp) {
            this.startTimeStamp = startTimeStamp;
            return this;
        }

        /** Where the spout starts reading a partition; default {@code UNCOMMITTED_EARLIEST}. */
        public Builder<K, V> setFirstPollOffsetStrategy(FirstPollOffsetStrategy strategy) {
            this.firstPollOffsetStrategy = require(strategy, "firstPollOffsetStrategy");
            return this;
        }

        /** What the spout promises about each record; default {@code AT_LEAST_ONCE}. */
        public Builder<K, V> setProcessingGuarantee(ProcessingGuarantee guarantee) {
            this.processingGuarantee = require(guarantee, "processingGuarantee");
            return this;
        }

        /** How records become tuples; default {@link DefaultRecordTranslator}. */
        public Builder<K, V> setRecordTranslator(RecordTranslator<K, V> translator) {
            this.translator = require(translator, "recordTranslator");
            return this;
        }

        /** Records become tuples of {@code fields} on the default stream through {@code func}. */
        public Builder<K, V> setRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields) {
            return setRecordTranslator(new SimpleRecordTranslator<>(func, fields));
        }

        /** Records become tuples of {@code fields} on {@code stream} through {@code func}. */
        public Builder<K, V> setRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields,
                                                 String stream) {
            return setRecordTranslator(new SimpleRecordTranslator<>(func, fields, stream));
        }

        /** When failed tuples are emitted again (at-least-once only); default {@link #DEFAULT_RETRY_SERVICE}. */
        public Builder<K, V> setRetry(KafkaSpoutRetryService retryService) {
            this.retryService = require(retryService, "retry service");
            return this;
        }

        /**
         * How many records of a partition may be fetched and not yet committable before the spout stops fetching
         * from it (at-least-once): bounds memory and what a restart emits again.
         */
        public Builder<K, V> setMaxUncommittedOffsets(int maxUncommittedOffsets) {
            this.maxUncommittedOffsets = maxUncommittedOffsets;
            return this;
        }

        /** How often offsets are committed (at-least-once and no-guarantee); default 30 s. */
        public Builder<K, V> setOffsetCommitPeriodMs(long offsetCommitPeriodMs) {
            this.offsetCommitPeriodMs = offsetCommitPeriodMs;
            return this;
        }

        /** Whether a record the translator returns null for is emitted as an empty tuple; default false. */
        public Builder<K, V> setEmitNullTuples(boolean emitNullTuples) {
            this.emitNullTuples = emitNullTuples;
            return this;
        }

        /** How often the spout looks for new partitions and topics; default 2 s. */
        public Builder<K, V> setPartitionRefreshPeriodMs(long partitionRefreshPeriodMs) {
            this.partitionRefreshPeriodMs = partitionRefreshPeriodMs;
            return this;
        }

        /** The longest a poll waits for records; default 200 ms. */
        public Builder<K, V> setPollTimeoutMs(long pollTimeoutMs) {
            this.pollTimeoutMs = pollTimeoutMs;
            return this;
        }

        /**
         * Whether tuples carry message ids under {@code AT_MOST_ONCE} and {@code NO_GUARANTEE} too, as they do under
         * {@code AT_LEAST_ONCE}; default false. Tracked tuples count against {@code topology.max.spout.pending} and
         * have complete latencies; under those guarantees their acks and fails change no commit and retry nothing.
         */
        public Builder<K, V> setTupleTrackingEnforced(boolean enforced) {
            this.tupleTrackingEnforced = enforced;
            return this;
        }

        /** Told about every emit, ack, retry and reassignment. */
        public Builder<K, V> setTupleListener(KafkaTupleListener tupleListener) {
            this.tupleListener = require(tupleListener, "tuple listener");
            return this;
        }

        /**
         * Checks the settings and builds the configuration.
         *
         * @throws IllegalArgumentException naming the setting that is wrong and what to do
         */
        public KafkaSpoutConfig<K, V> build() {
            return new KafkaSpoutConfig<>(this);
        }

        /** Validates the settings and completes the consumer's properties. */
        private void check() {
            positive(maxUncommittedOffsets, "setMaxUncommittedOffsets");
            positive(offsetCommitPeriodMs, "setOffsetCommitPeriodMs");
            positive(partitionRefreshPeriodMs, "setPartitionRefreshPeriodMs");
            positive(metricsTimeBucketSizeInSecs, "setMetricsTimeBucketSizeInSecs");
            if (pollTimeoutMs < 0) {
                throw new IllegalArgumentException("KafkaSpoutConfig: setPollTimeoutMs must be 0 or more, got "
                        + pollTimeoutMs);
            }
            Object autoCommit = kafkaProps.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
            if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
                throw new IllegalArgumentException("KafkaSpoutConfig: remove enable.auto.commit=true; the spout "
                        + "commits offsets itself as setProcessingGuarantee says (NO_GUARANTEE commits periodically)");
            }
            checkDeserializer(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
            checkDeserializer(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            if (groupId != null) {
                kafkaProps.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            }
            kafkaProps.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
            for (String stream : translator.streams()) {
                if (translator.getFieldsFor(stream) == null) {
                    throw new IllegalArgumentException("KafkaSpoutConfig: record translator "
                            + translator.getClass().getName() + " declares stream '" + stream
                            + "' but no fields for it");
                }
            }
        }

        /** The consumer properties set so far, for a subclass. */
        protected Map<String, Object> getKafkaProps() {
            return kafkaProps;
        }

        private void checkDeserializer(String key) {
            Object value = kafkaProps.get(key);
            if (value == null) {
                throw new IllegalArgumentException("KafkaSpoutConfig: set " + key + " with setProp (a class "
                        + "implementing org.apache.kafka.common.serialization.Deserializer, e.g. StringDeserializer)");
            }
            Class<?> k;
            if (value instanceof Class<?> c) {
                k = c;
            } else if (value instanceof String name) {
                try {
                    k = Class.forName(name.trim(), false, classLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalArgumentException("KafkaSpoutConfig: " + key + " names class '" + name
                            + "', which is not on the classpath: fix the class name or add its jar to the topology");
                }
            } else {
                throw new IllegalArgumentException("KafkaSpoutConfig: " + key + " must be a Deserializer class or its "
                        + "name, got a " + value.getClass().getName());
            }
            if (!Deserializer.class.isAssignableFrom(k)) {
                throw new IllegalArgumentException("KafkaSpoutConfig: " + key + " is " + k.getName()
                        + ", which does not implement org.apache.kafka.common.serialization.Deserializer");
            }
        }

        private static ClassLoader classLoader() {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            return cl != null ? cl : KafkaSpoutConfig.class.getClassLoader();
        }

        private static void positive(long value, String setter) {
            if (value < 1) {
                throw new IllegalArgumentException("KafkaSpoutConfig: " + setter + " must be at least 1, got " + value);
            }
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalArgumentException("KafkaSpoutConfig: the " + what + " must not be null");
            }
            return value;
        }
    }
}
