package io.squall.kafka.spout;

import com.codahale.metrics.Counter;
import io.squall.Config;
import io.squall.kafka.spout.KafkaSpoutConfig.ProcessingGuarantee;
import io.squall.kafka.spout.internal.OffsetManager;
import io.squall.kafka.spout.internal.PartitionLister;
import io.squall.kafka.spout.internal.PartitionMetrics;
import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.spout.IEventTimeSpout;
import io.squall.spout.IPartitionedSpout;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.utils.Time;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads Kafka topics and emits a tuple per record, as Storm's storm-kafka-client {@code KafkaSpout} does.
 *
 * <p>Every partition refresh period each task lists the partitions the configuration's {@code TopicFilter} passes
 * and reads those its {@code ManualPartitioner} picks (by default the named topics or those matching a pattern,
 * dealt out to the tasks round-robin), so a partition added while the topology runs is picked up. With
 * {@code AT_LEAST_ONCE} (the default) every tuple is tracked; a partition's offset is committed only up to its first record whose tuple has not completed, so a
 * restart or a move of the partition to another task starts there and emits again only what had not completed.
 * A failed tuple is emitted again when the retry service says so; one it gives up on is counted
 * ({@code kafka.maxRetriesReached}), logged and committed past.
 *
 * <p>Nothing here stops the worker: an unreachable broker, a missing topic, a consumer that cannot be created, a
 * topic filter, partitioner or translator that throws are reported as errors of the component naming the spout and
 * what to fix, and the spout keeps trying. Every method runs on the spout's executor thread, which alone owns the consumer.
 *
 * <p>Event time: declared with {@code withEventTime(maxOutOfOrder)} the event time of a tuple is its record's
 * timestamp; with {@code withEventTime(field, maxOutOfOrder)} it is that field of the tuple. Either way each task
 * keeps a watermark per partition it reads and sends the minimum over them ({@link IPartitionedSpout}), leaving out
 * partitions idle for the spout's {@code withIdleTimeout} (silent for that long and caught up with the log end), so a
 * partition that is ahead in event time does not make another's records late. A record whose event time cannot be
 * read is skipped, counted in {@code kafka.eventTimeErrors} and reported.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class KafkaSpout<K, V> extends BaseRichSpout implements IEventTimeSpout, IPartitionedSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSpout.class);
    /** How long a listing of partitions may wait for the brokers before the spout reports them unreachable. */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /** The same problem is reported again at most this often. */
    private static final long REPORT_INTERVAL_MS = 60_000;
    private static final long METRICS_INTERVAL_MS = 1_000;
    /** A partition stalled for less than this is never reported, however short the message timeout. */
    private static final long MIN_STALL_MS = 10_000;

    private final KafkaSpoutConfig<K, V> config;
    private final Func<Map<String, Object>, Consumer<K, V>> consumerFactory;

    private transient SpoutOutputCollector collector;
    private transient TopologyContext context;
    private transient String name;
    private transient Consumer<K, V> consumer;
    private transient PartitionLister lister;
    private transient Map<TopicPartition, OffsetManager> partitions;
    private transient ArrayDeque<ConsumerRecord<K, V>> waiting;
    /** Tracked tuples not yet acked: what to emit again if they fail. */
    private transient Map<KafkaSpoutMessageId, Emission> inFlight;
    private transient KafkaSpoutRetryService retry;
    private transient KafkaTupleListener listener;
    private transient PartitionMetrics metrics;
    private transient Counter emitted;
    private transient Counter acked;
    private transient Counter failed;
    private transient Counter retried;
    private transient Counter maxRetriesReached;
    private transient Counter translatorErrors;
    private transient Counter deserializationErrors;
    private transient Counter eventTimeErrors;
    /** The partition and record timestamp of the tuple being emitted, for the event time and its watermarks. */
    private transient TopicPartition emitting;
    private transient long emittingTimestamp;
    private transient Map<String, Long> lastReported;
    private transient long nextRefreshMs;
    private transient long nextCommitMs;
    private transient long nextMetricsMs;
    private transient String commitMetadata;
    /**
     * How long a partition's commits may stay held back by one record before the spout looks at it: three message
     * timeouts, time for the record's tuple to time out, be retried and complete.
     */
    private transient long stallMs;

    private record Emission(String stream, List<Object> values, KafkaSpoutMessageId msgId, long timestamp) { }

    /** A spout reading as {@code config} says. */
    public KafkaSpout(KafkaSpoutConfig<K, V> config) {
        this(config, KafkaConsumer::new);
    }

    /** A spout whose consumer comes from {@code consumerFactory} (given the consumer properties), for tests. */
    KafkaSpout(KafkaSpoutConfig<K, V> config, Func<Map<String, Object>, Consumer<K, V>> consumerFactory) {
        if (config == null) {
            throw new IllegalArgumentException("KafkaSpout needs a KafkaSpoutConfig (KafkaSpoutConfig.builder(...)"
                    + ".build())");
        }
        this.config = config;
        this.consumerFactory = consumerFactory;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.context = context;
        this.name = "KafkaSpout '" + context.getThisComponentId() + "' (task " + context.getThisTaskId() + ")";
        this.lister = new PartitionLister(config.getTopicFilter());
        this.partitions = new LinkedHashMap<>();
        this.waiting = new ArrayDeque<>();
        this.inFlight = new HashMap<>();
        this.retry = config.getRetryService();
        this.listener = config.getTupleListener();
        this.lastReported = new HashMap<>();
        this.metrics = new PartitionMetrics(context);
        this.emitted = context.registerCounter("kafka.emitted");
        this.acked = context.registerCounter("kafka.acked");
        this.failed = context.registerCounter("kafka.failed");
        this.retried = context.registerCounter("kafka.retried");
        this.maxRetriesReached = context.registerCounter("kafka.maxRetriesReached");
        this.translatorErrors = context.registerCounter("kafka.translatorErrors");
        this.deserializationErrors = context.registerCounter("kafka.deserializationErrors");
        this.eventTimeErrors = context.registerCounter("kafka.eventTimeErrors");
        this.commitMetadata = "{\"topologyId\":\"" + context.getStormId() + "\",\"task\":" + context.getThisTaskId()
                + "}";
        Object timeout = conf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS);
        long timeoutSecs = timeout instanceof Number n ? n.longValue() : 30;
        this.stallMs = Math.max(MIN_STALL_MS, 3_000 * timeoutSecs);
        listener.open(conf, context);
        createConsumer();
    }

    private void createConsumer() {
        Map<String, Object> props = new HashMap<>(config.getKafkaProps());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Bounds the topic filter's look-ups, which take no timeout of their own; every other blocking call of the
        // spout gives its own.
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        // Only used when a committed offset is no longer in the log; a timestamp start then reads what is left.
        FirstPollOffsetStrategy strategy = config.getFirstPollOffsetStrategy();
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                strategy.fromBeginning() || strategy.fromTimestamp() ? "earliest" : "latest");
        if (config.getMaxUncommittedOffsets() < 500) {
            props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.getMaxUncommittedOffsets());
        }
        try {
            consumer = consumerFactory.apply(props);
            nextRefreshMs = 0;
        } catch (KafkaException e) {
            consumer = null;
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            report("consumer", name + " cannot create its Kafka consumer: " + cause
                    + ". Check key.deserializer and value.deserializer (Deserializer classes on the topology's "
                    + "classpath) and the other consumer properties given to KafkaSpoutConfig.setProp; "
                    + "the spout retries every " + config.getPartitionRefreshPeriodMs() + " ms", e);
            nextRefreshMs = Time.currentTimeMillis() + config.getPartitionRefreshPeriodMs();
        }
    }

    @Override
    public void nextTuple() {
        long now = Time.currentTimeMillis();
        if (consumer == null) {
            if (now >= nextRefreshMs) {
                createConsumer();
            }
            return;
        }
        if (now >= nextRefreshMs) {
            refreshPartitions();
            nextRefreshMs = now + config.getPartitionRefreshPeriodMs();
        }
        if (now >= nextCommitMs && config.getProcessingGuarantee() != ProcessingGuarantee.AT_MOST_ONCE) {
            commit();
            nextCommitMs = now + config.getOffsetsCommitPeriodMs();
        }
        if (now >= nextMetricsMs) {
            updateMetrics();
            nextMetricsMs = now + METRICS_INTERVAL_MS;
        }
        if (emitRetry() || emitWaiting()) {
            return;
        }
        if (!partitions.isEmpty()) {
            poll();
            emitWaiting();
        }
    }

    // ---- partitions ----

    private void refreshPartitions() {
        PartitionLister.Listing listing;
        try {
            listing = lister.list(consumer);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            report("unreachable", name + " cannot reach Kafka at bootstrap.servers=" + config.getBootstrapServers()
                    + " (no answer within default.api.timeout.ms): check the address in KafkaSpoutConfig.builder "
                    + "and that the brokers are running and reachable; the spout keeps trying", e);
            return;
        } catch (KafkaException e) {
            report("metadata", name + " cannot list the partitions of " + config.getTopicsDescription() + ": " + e
                    + "; the spout keeps trying", e);
            return;
        } catch (RuntimeException e) {
            report("filter", name + ": topic filter " + config.getTopicFilter().getClass().getName() + " threw " + e
                    + "; the spout keeps the partitions it reads and asks the filter again in "
                    + config.getPartitionRefreshPeriodMs() + " ms", e);
            return;
        }
        if (!listing.missingTopics().isEmpty()) {
            report("missing:" + listing.missingTopics(), name + ": topic(s) " + listing.missingTopics()
                    + " do not exist at bootstrap.servers=" + config.getBootstrapServers() + ": create them "
                    + "(kafka-topics.sh --create) or fix the topic names given to KafkaSpoutConfig.builder; the spout "
                    + "picks them up once they exist", null);
        }
        List<TopicPartition> mine = myShare(listing.partitions());
        if (mine == null) {
            return;
        }
        if (!new HashSet<>(mine).equals(partitions.keySet())) {
            try {
                reassign(mine);
            } catch (KafkaException e) {
                report("assign", name + " could not start reading partitions " + mine + ": " + e
                        + "; it tries again in " + config.getPartitionRefreshPeriodMs() + " ms", e);
            }
        }
    }

    /** This task's partitions as the partitioner picks them, sorted; null (reported) if the partitioner fails. */
    private List<TopicPartition> myShare(List<TopicPartition> all) {
        ManualPartitioner partitioner = config.getTopicPartitioner();
        Set<TopicPartition> picked;
        try {
            picked = partitioner.getPartitionsForThisTask(Collections.unmodifiableList(all), context);
        } catch (RuntimeException e) {
            report("partitioner", name + ": topic partitioner " + partitioner.getClass().getName() + " threw " + e
                    + "; the spout keeps the partitions it reads and asks again in "
                    + config.getPartitionRefreshPeriodMs() + " ms", e);
            return null;
        }
        if (picked == null) {
            report("partitioner", name + ": topic partitioner " + partitioner.getClass().getName() + " returned "
                    + "null; it must return a set (empty for none); the spout keeps the partitions it reads", null);
            return null;
        }
        List<TopicPartition> mine = new ArrayList<>(picked);
        mine.sort(TopicPartitionComparator.INSTANCE);
        return mine;
    }

    private void reassign(List<TopicPartition> mine) {
        Set<TopicPartition> keep = new HashSet<>(mine);
        List<TopicPartition> removed = new ArrayList<>();
        for (TopicPartition tp : partitions.keySet()) {
            if (!keep.contains(tp)) {
                removed.add(tp);
            }
        }
        if (!removed.isEmpty()) {
            commit();
            for (TopicPartition tp : removed) {
                partitions.remove(tp);
                metrics.remove(tp);
            }
            waiting.removeIf(r -> !keep.contains(new TopicPartition(r.topic(), r.partition())));
            inFlight.keySet().removeIf(id -> !keep.contains(id.getTopicPartition()));
            retry.retainAll(keep);
        }
        List<TopicPartition> added = new ArrayList<>();
        for (TopicPartition tp : mine) {
            if (!partitions.containsKey(tp)) {
                added.add(tp);
            }
        }
        consumer.assign(mine);
        if (!added.isEmpty()) {
            startReading(added);
        }
        LOG.info("{} reads partitions {} (added {}, removed {})", name, mine, added, removed);
        listener.onPartitionsReassigned(List.copyOf(mine));
    }

    /** Seeks the new partitions to where the first poll offset strategy and the committed offsets say. */
    private void startReading(List<TopicPartition> added) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(added), COMMIT_TIMEOUT);
        FirstPollOffsetStrategy strategy = config.getFirstPollOffsetStrategy();
        List<TopicPartition> toBeginning = new ArrayList<>();
        List<TopicPartition> toEnd = new ArrayList<>();
        Map<TopicPartition, Long> toTimestamp = new HashMap<>();
        for (TopicPartition tp : added) {
            OffsetAndMetadata c = committed.get(tp);
            boolean useCommit = c != null && (strategy.honoursAnyCommit()
                    || (c.metadata() != null && c.metadata().contains("\"" + context.getStormId() + "\"")));
            if (useCommit) {
                consumer.seek(tp, c.offset());
            } else if (strategy.fromTimestamp()) {
                toTimestamp.put(tp, config.getStartTimeStamp());
            } else if (strategy.fromBeginning()) {
                toBeginning.add(tp);
            } else {
                toEnd.add(tp);
            }
        }
        if (!toTimestamp.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(toTimestamp, COMMIT_TIMEOUT);
            for (TopicPartition tp : toTimestamp.keySet()) {
                OffsetAndTimestamp at = found.get(tp);
                if (at != null) {
                    consumer.seek(tp, at.offset());
                } else {
                    toEnd.add(tp);
                }
            }
        }
        if (!toBeginning.isEmpty()) {
            consumer.seekToBeginning(toBeginning);
        }
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
        }
        for (TopicPartition tp : added) {
            OffsetAndMetadata c = committed.get(tp);
            long start = consumer.position(tp, COMMIT_TIMEOUT);
            partitions.put(tp, new OffsetManager(tp, start, c != null ? c.offset() : -1));
            metrics.records(tp);
        }
    }

    // ---- reading and emitting ----

    private void poll() {
        List<TopicPartition> paused = new ArrayList<>();
        List<TopicPartition> active = new ArrayList<>();
        for (OffsetManager m : partitions.values()) {
            boolean full = config.getProcessingGuarantee() == ProcessingGuarantee.AT_LEAST_ONCE
                    && m.outstandingCount() >= config.getMaxUncommittedOffsets();
            (full ? paused : active).add(m.topicPartition());
        }
        if (active.isEmpty()) {
            return;
        }
        consumer.pause(paused);
        consumer.resume(active);
        ConsumerRecords<K, V> records;
        try {
            records = consumer.poll(Duration.ofMillis(config.getPollTimeoutMs()));
        } catch (RecordDeserializationException e) {
            skipUndeserializable(e);
            return;
        } catch (KafkaException e) {
            report("poll", name + " could not fetch records: " + e + "; it keeps trying", e);
            return;
        }
        for (ConsumerRecord<K, V> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            OffsetManager m = partitions.get(tp);
            if (m != null && (r.offset() >= m.fetchedEnd() || isReadAgain(tp, m, r.offset()))) {
                m.fetched(r.offset());
                waiting.add(r);
            }
        }
        if (config.getProcessingGuarantee() == ProcessingGuarantee.AT_MOST_ONCE && !records.isEmpty()) {
            // Committed before anything is emitted: a crash from here on loses these records, never repeats them.
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                offsets.put(tp, new OffsetAndMetadata(partitions.get(tp).fetchedEnd(), commitMetadata));
            }
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
                offsets.forEach((tp, o) -> partitions.get(tp).committed(o.offset()));
            } catch (KafkaException e) {
                // Not committed, so not emitted either: read the batch again rather than risk emitting it twice.
                report("commit", name + " could not commit offsets " + offsets + " before emitting (at-most-once): "
                        + e + "; it fetches them again", e);
                waiting.clear();
                for (TopicPartition tp : records.partitions()) {
                    long first = records.records(tp).get(0).offset();
                    consumer.seek(tp, first);
                    partitions.put(tp, new OffsetManager(tp, first, partitions.get(tp).lastCommitted()));
                }
            }
        }
    }

    /**
     * Whether a record fetched before, read again after a stall, is to be emitted: only if it is still outstanding
     * and its tuple is not in flight (one acked, given up on or in flight is not emitted twice).
     */
    private boolean isReadAgain(TopicPartition tp, OffsetManager m, long offset) {
        return m.isOutstanding(offset) && !inFlight.containsKey(new KafkaSpoutMessageId(tp, offset));
    }

    private void skipUndeserializable(RecordDeserializationException e) {
        TopicPartition tp = e.topicPartition();
        deserializationErrors.inc();
        report("deserialize", name + " skips the record at offset " + e.offset() + " of " + tp + ", which "
                + "its deserializer cannot read: " + e.getCause() + ". Fix the producer or the deserializer "
                + "(counted in kafka.deserializationErrors)", e);
        consumer.seek(tp, e.offset() + 1);
        OffsetManager m = partitions.get(tp);
        if (m != null) {
            m.skippedTo(e.offset() + 1);
        }
    }

    /** Emits the next waiting record that makes a tuple; returns whether one was emitted. */
    private boolean emitWaiting() {
        ConsumerRecord<K, V> r;
        while ((r = waiting.poll()) != null) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            OffsetManager m = partitions.get(tp);
            if (m != null && emitRecord(r, tp, m)) {
                return true;
            }
        }
        return false;
    }

    private boolean emitRecord(ConsumerRecord<K, V> r, TopicPartition tp, OffsetManager m) {
        List<Object> values;
        try {
            values = config.getTranslator().apply(r);
        } catch (RuntimeException e) {
            translatorErrors.inc();
            report("translator", name + ": record translator " + config.getTranslator().getClass().getName()
                    + " threw on the record at offset " + r.offset() + " of " + tp + ": " + e + ". The record is "
                    + "skipped and counted in kafka.translatorErrors; make the translator handle such records "
                    + "(return null to drop one)", e);
            m.done(r.offset());
            return false;
        }
        boolean isNull = values == null;
        if (isNull && !config.isEmitNullTuples()) {
            m.done(r.offset());
            return false;
        }
        List<Object> tuple = isNull ? new KafkaTuple() : values;
        String stream = tuple instanceof KafkaTuple kt && kt.getStream() != null
                ? kt.getStream() : config.getTranslator().streams().get(0);
        KafkaSpoutMessageId msgId = new KafkaSpoutMessageId(tp, r.offset(), isNull);
        boolean tracked = config.getProcessingGuarantee() == ProcessingGuarantee.AT_LEAST_ONCE;
        // An enforced tracking without AT_LEAST_ONCE gives the acker the tuple, not the spout: its ack and fail find
        // nothing in flight, so they change no commit and retry nothing.
        boolean withId = tracked || config.isTupleTrackingEnforced();
        if (!emit(stream, tuple, withId ? msgId : null, tp, r.offset(), r.timestamp())) {
            m.done(r.offset());
            return false;
        }
        if (tracked) {
            inFlight.put(msgId, new Emission(stream, tuple, msgId, r.timestamp()));
        } else {
            m.done(r.offset());
        }
        emitted.inc();
        metrics.records(tp).mark();
        listener.onEmit(tuple, msgId);
        return true;
    }

    /** Emits one failed tuple whose retry is due; returns whether one was emitted. */
    private boolean emitRetry() {
        if (inFlight.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> due : retry.earliestRetriableOffsets().entrySet()) {
            KafkaSpoutMessageId probe = new KafkaSpoutMessageId(due.getKey(), due.getValue());
            Emission e = inFlight.get(probe);
            retry.remove(probe);
            if (e != null) {
                if (!emit(e.stream(), e.values(), e.msgId(), probe.getTopicPartition(), probe.offset(),
                        e.timestamp())) {
                    inFlight.remove(probe);
                    OffsetManager m = partitions.get(probe.getTopicPartition());
                    if (m != null) {
                        m.done(probe.offset());
                    }
                    return false;
                }
                retried.inc();
                listener.onRetry(e.msgId());
                listener.onEmit(e.values(), e.msgId());
                return true;
            }
        }
        return false;
    }

    /**
     * Emits a tuple of a record of {@code tp} with its timestamp; returns false if the record's event time could not
     * be read (the runtime reads it first and sends nothing then): the record is reported and counted.
     */
    private boolean emit(String stream, List<Object> tuple, KafkaSpoutMessageId msgId, TopicPartition tp,
                         long offset, long timestamp) {
        emitting = tp;
        emittingTimestamp = timestamp;
        try {
            collector.emit(stream, tuple, msgId);
            return true;
        } catch (IllegalArgumentException e) {
            eventTimeErrors.inc();
            report("eventtime", name + " skips the record at offset " + offset
                    + " of " + tp + ": " + e.getMessage() + ". It is counted in kafka.eventTimeErrors; make every "
                    + "record carry its event time, or declare the spout's event time from another field", e);
            return false;
        } finally {
            emitting = null;
        }
    }

    /**
     * The event time of the tuple being emitted: its record's timestamp (producer or broker time, as the topic's
     * {@code message.timestamp.type} says).
     *
     * @throws IllegalArgumentException if the record has no timestamp
     */
    @Override
    public long getEventTime(String streamId, List<Object> values) {
        if (emittingTimestamp < 0) {
            throw new IllegalArgumentException("the record has no timestamp (" + emittingTimestamp + ", written by a "
                    + "pre-0.10 producer?): its event time is unknown");
        }
        return emittingTimestamp;
    }

    /** The partition of the record whose tuple is being emitted. */
    @Override
    public Object getCurrentPartition() {
        return emitting;
    }

    /** The partitions this task reads now. */
    @Override
    public Collection<?> getPartitions() {
        return partitions.keySet();
    }

    /**
     * Whether {@code partition} has records not emitted yet: fetched and waiting, or still in the log past what the
     * consumer has fetched (a partition paused at {@code maxUncommittedOffsets} or behind the others is not idle).
     */
    @Override
    public boolean hasBacklog(Object partition) {
        if (!(partition instanceof TopicPartition tp) || consumer == null) {
            return false;
        }
        for (ConsumerRecord<K, V> r : waiting) {
            if (r.partition() == tp.partition() && r.topic().equals(tp.topic())) {
                return true;
            }
        }
        OptionalLong lag = consumer.currentLag(tp);
        return lag.isPresent() && lag.getAsLong() > 0;
    }

    // ---- acks, fails, commits ----

    @Override
    public void ack(Object msgId) {
        if (!(msgId instanceof KafkaSpoutMessageId id) || inFlight.remove(id) == null) {
            return;
        }
        OffsetManager m = partitions.get(id.getTopicPartition());
        if (m != null) {
            m.done(id.offset());
        }
        acked.inc();
        listener.onAck(id);
    }

    @Override
    public void fail(Object msgId) {
        if (!(msgId instanceof KafkaSpoutMessageId id)) {
            return;
        }
        Emission e = inFlight.get(id);
        if (e == null) {
            return;
        }
        failed.inc();
        e.msgId().incrementNumFails();
        if (!retry.schedule(e.msgId())) {
            maxRetriesReached.inc();
            LOG.warn("{} gives up on the record at offset {} of {} after {} failures ({}): it is committed past and "
                    + "counted in kafka.maxRetriesReached", name, id.offset(), id.getTopicPartition(),
                    e.msgId().numFails(), retry);
            inFlight.remove(id);
            OffsetManager m = partitions.get(id.getTopicPartition());
            if (m != null) {
                m.done(id.offset());
            }
            listener.onMaxRetryReached(e.msgId());
        }
    }

    /** Commits every partition up to its first record that is not done. */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (OffsetManager m : partitions.values()) {
            long next = m.nextCommit();
            if (next >= 0) {
                offsets.put(m.topicPartition(), new OffsetAndMetadata(next, commitMetadata));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach((tp, o) -> partitions.get(tp).committed(o.offset()));
            LOG.debug("{} committed {}", name, offsets);
        } catch (KafkaException e) {
            report("commit", name + " could not commit offsets " + offsets + ": " + e + "; it tries again in "
                    + config.getOffsetsCommitPeriodMs() + " ms (nothing is lost: uncommitted records are read again "
                    + "after a restart)", e);
        }
    }

    private void updateMetrics() {
        long now = Time.currentTimeMillis();
        for (OffsetManager m : partitions.values()) {
            TopicPartition tp = m.topicPartition();
            OptionalLong lag = consumer.currentLag(tp);
            long latest = lag.isPresent() ? m.fetchedEnd() + lag.getAsLong() : -1;
            metrics.update(tp, latest, m.lastCommitted());
            if (config.getProcessingGuarantee() == ProcessingGuarantee.AT_LEAST_ONCE
                    && m.stallReportDue(now, stallMs)) {
                stalled(m, lag, now);
            }
        }
    }

    /**
     * A partition's first outstanding record has held its commits back for the stall period. If its tuple is in
     * flight or its record waits to be emitted, that is only reported (a slow topology, a long retry backoff). If it
     * is neither, the record was lost on its way through the spout (an emit that threw, say): nothing would ever
     * complete it, so the partition is read again from that record, and only records not yet acked are emitted again.
     */
    private void stalled(OffsetManager m, OptionalLong lag, long now) {
        TopicPartition tp = m.topicPartition();
        long first = m.firstOutstanding();
        KafkaSpoutMessageId probe = new KafkaSpoutMessageId(tp, first);
        boolean isWaiting = waiting.stream().anyMatch(r -> r.offset() == first && r.partition() == tp.partition()
                && r.topic().equals(tp.topic()));
        String state;
        if (inFlight.containsKey(probe)) {
            state = retry.isScheduled(probe) ? "failed and scheduled for a retry (" + retry + ")"
                    : "in flight, its tuple neither acked nor failed yet";
        } else if (isWaiting) {
            state = "fetched and waiting to be emitted";
        } else {
            state = "fetched but neither in flight nor waiting: lost on its way through the spout";
        }
        LOG.warn("{}: partition {} has committed nothing past offset {} for {} s: that record "
                + "is {}; {} records outstanding, position {}, lag {}", name, tp, first, m.stalledMs(now) / 1000,
                state, m.outstandingCount(), m.fetchedEnd(), lag.isPresent() ? lag.getAsLong() : "unknown");
        if (inFlight.containsKey(probe) || isWaiting) {
            return;
        }
        try {
            readAgainFrom(tp, first);
            LOG.warn("{} reads partition {} again from offset {}", name, tp, first);
        } catch (KafkaException e) {
            report("reread", name + " could not read partition " + tp + " again from offset " + first + ": " + e
                    + "; it tries again in " + stallMs / 1000 + " s", e);
        }
    }

    /**
     * Fetches {@code tp} again from {@code offset}: the consumer seeks there (records it fetched ahead for the
     * partition are dropped) and the partition's waiting records are dropped, to be fetched again. Of the records
     * fetched again, {@link #poll} keeps only those still outstanding and not in flight.
     */
    private void readAgainFrom(TopicPartition tp, long offset) {
        consumer.seek(tp, offset);
        waiting.removeIf(r -> r.partition() == tp.partition() && r.topic().equals(tp.topic()));
    }

    /** Reports a problem to the component's errors and the log, each kind at most once a minute. */
    private void report(String kind, String message, Throwable cause) {
        long now = Time.currentTimeMillis();
        Long last = lastReported.get(kind);
        if (last != null && now - last < REPORT_INTERVAL_MS) {
            LOG.debug(message);
            return;
        }
        lastReported.put(kind, now);
        LOG.warn(message);
        collector.reportError(new KafkaSpoutException(message, cause));
    }

    @Override
    public void deactivate() {
        if (consumer != null) {
            commit();
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            commit();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            consumer = null;
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        RecordTranslator<K, V> t = config.getTranslator();
        for (String stream : t.streams()) {
            declarer.declareStream(stream, t.getFieldsFor(stream));
        }
    }

    /** The configuration this spout reads with. */
    public KafkaSpoutConfig<K, V> getKafkaSpoutConfig() {
        return config;
    }
}
