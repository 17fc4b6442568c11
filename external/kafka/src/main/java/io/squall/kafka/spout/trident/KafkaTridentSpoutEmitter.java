package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.kafka.spout.KafkaTuple;
import io.squall.kafka.spout.RecordTranslator;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Trident batches from Kafka for both Kafka Trident spouts: a batch takes up to {@code max.poll.records}
 * records of one partition. A batch is read again exactly from its metadata; an opaque replay of a txid this
 * emitter already read (same start) is read again exactly too, so that a state that skips committed txids loses
 * nothing. Owned by the spout task's thread.
 */
final class KafkaTridentSpoutEmitter<K, V> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSpoutConfig<K, V> config;
    private final KafkaConsumer<K, V> consumer;
    /** Per partition, the batches read by txid, for exact opaque replays; pruned as txids move on. */
    private final Map<TopicPartition, LinkedHashMap<Long, KafkaTridentSpoutBatchMetadata>> recent = new HashMap<>();

    KafkaTridentSpoutEmitter(KafkaSpoutConfig<K, V> config) {
        this.config = config;
        Map<String, Object> props = new HashMap<>(config.getKafkaProps());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props);
    }

    /** The partitions of the coordinator's description, in its (sorted) order. */
    List<KafkaTridentSpoutTopicPartition> orderedPartitions(List<KafkaTridentSpoutTopicPartition> all) {
        return new ArrayList<>(all);
    }

    /**
     * This task's partitions as the configuration's {@code ManualPartitioner} picks them from {@code all} (sorted,
     * the same on every task), in that order. What the partitioner throws goes to the caller.
     */
    List<KafkaTridentSpoutTopicPartition> partitionsForTask(List<KafkaTridentSpoutTopicPartition> all,
                                                            TopologyContext context) {
        List<TopicPartition> tps = new ArrayList<>(all.size());
        all.forEach(p -> tps.add(p.getTopicPartition()));
        Set<TopicPartition> picked = config.getTopicPartitioner().getPartitionsForThisTask(tps, context);
        if (picked == null) {
            throw new IllegalStateException("Kafka Trident spout: topic partitioner "
                    + config.getTopicPartitioner().getClass().getName() + " returned null instead of a set");
        }
        List<KafkaTridentSpoutTopicPartition> mine = new ArrayList<>();
        for (KafkaTridentSpoutTopicPartition p : all) {
            if (picked.contains(p.getTopicPartition())) {
                mine.add(p);
            }
        }
        return mine;
    }

    /** Forgets the replay records of partitions this task no longer owns. */
    void refreshPartitions(List<KafkaTridentSpoutTopicPartition> owned) {
        Set<TopicPartition> mine = new HashSet<>();
        owned.forEach(p -> mine.add(p.getTopicPartition()));
        recent.keySet().retainAll(mine);
    }

    /** Reads and emits the batch after {@code last} (null: where the first poll offset strategy says). */
    KafkaTridentSpoutBatchMetadata emitNew(TransactionAttempt tx, TridentCollector collector,
                                           KafkaTridentSpoutTopicPartition partition,
                                           KafkaTridentSpoutBatchMetadata last) {
        TopicPartition tp = partition.getTopicPartition();
        long start = last != null ? last.nextOffset() : firstOffset(tp);
        LinkedHashMap<Long, KafkaTridentSpoutBatchMetadata> seen = recent.computeIfAbsent(tp,
                p -> new LinkedHashMap<>());
        KafkaTridentSpoutBatchMetadata before = seen.get(tx.getTransactionId());
        if (before != null && before.firstOffset() == start) {
            emitExactly(collector, partition, before);
            return before;
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, start);
        List<ConsumerRecord<K, V>> records = consumer.poll(Duration.ofMillis(config.getPollTimeoutMs())).records(tp);
        long lastOffset = start - 1;
        for (ConsumerRecord<K, V> r : records) {
            emit(collector, r);
            lastOffset = r.offset();
        }
        KafkaTridentSpoutBatchMetadata meta = new KafkaTridentSpoutBatchMetadata(start, lastOffset);
        seen.put(tx.getTransactionId(), meta);
        seen.keySet().removeIf(txid -> txid < tx.getTransactionId() - 16);
        return meta;
    }

    /** Emits exactly the records {@code meta} describes. */
    void emitExactly(TridentCollector collector, KafkaTridentSpoutTopicPartition partition,
                     KafkaTridentSpoutBatchMetadata meta) {
        if (meta.isEmpty()) {
            return;
        }
        TopicPartition tp = partition.getTopicPartition();
        consumer.assign(List.of(tp));
        consumer.seek(tp, meta.firstOffset());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long next = meta.firstOffset();
        while (next <= meta.lastOffset()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Kafka Trident spout could not read offsets " + next + ".."
                        + meta.lastOffset() + " of " + tp + " again within " + TIMEOUT.toSeconds() + " s (deleted by "
                        + "retention?); the batch cannot be replayed exactly");
            }
            for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(config.getPollTimeoutMs())).records(tp)) {
                if (r.offset() > meta.lastOffset()) {
                    break;
                }
                emit(collector, r);
                next = r.offset() + 1;
            }
            if (next <= meta.lastOffset() && consumer.position(tp) > meta.lastOffset()) {
                break;
            }
        }
    }

    private void emit(TridentCollector collector, ConsumerRecord<K, V> r) {
        RecordTranslator<K, V> t = config.getTranslator();
        List<Object> values = t.apply(r);
        if (values == null) {
            return;
        }
        collector.emit(values instanceof KafkaTuple ? new ArrayList<>(values) : values);
    }

    private long firstOffset(TopicPartition tp) {
        FirstPollOffsetStrategy s = config.getFirstPollOffsetStrategy();
        if (s == FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST || s == FirstPollOffsetStrategy.UNCOMMITTED_LATEST
                || s == FirstPollOffsetStrategy.UNCOMMITTED_TIMESTAMP) {
            OffsetAndMetadata c = consumer.committed(Set.of(tp), TIMEOUT).get(tp);
            if (c != null) {
                return c.offset();
            }
        }
        if (s == FirstPollOffsetStrategy.TIMESTAMP || s == FirstPollOffsetStrategy.UNCOMMITTED_TIMESTAMP) {
            OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(tp, config.getStartTimeStamp()), TIMEOUT).get(tp);
            if (at != null) {
                return at.offset();
            }
            return consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
        }
        boolean earliest = s == FirstPollOffsetStrategy.EARLIEST || s == FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST;
        Map<TopicPartition, Long> o = earliest ? consumer.beginningOffsets(List.of(tp), TIMEOUT)
                : consumer.endOffsets(List.of(tp), TIMEOUT);
        return o.get(tp);
    }

    void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
