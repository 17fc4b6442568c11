package io.squall.kafka.trident;

import io.squall.kafka.spout.FirstPollOffsetStrategy;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.kafka.spout.KafkaTuple;
import io.squall.kafka.spout.RecordTranslator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.TransactionAttempt;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Trident batches from Kafka for both Kafka Trident spouts: partition {@code i} of the spout is the i-th of
 * the topics' partitions sorted by topic and number; a batch takes up to {@code max.poll.records} records of it.
 * A batch is read again exactly from its metadata; an opaque replay of a txid this emitter already read (same
 * start) is read again exactly too, so that a state that skips committed txids loses nothing. Owned by the spout
 * task's thread.
 */
final class KafkaTridentEmitter<K, V> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSpoutConfig<K, V> config;
    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions;
    /** Per partition, the batches read by txid, for exact opaque replays; pruned as txids move on. */
    private final Map<Integer, LinkedHashMap<Long, KafkaTridentSpoutBatchMetadata>> recent = new HashMap<>();

    KafkaTridentEmitter(KafkaSpoutConfig<K, V> config) {
        this.config = config;
        Map<String, Object> props = new HashMap<>(config.getKafkaProps());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(props);
        this.partitions = listPartitions();
    }

    private List<TopicPartition> listPartitions() {
        List<TopicPartition> all = new ArrayList<>();
        if (config.getTopicPattern() != null) {
            for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics(TIMEOUT).entrySet()) {
                if (config.getTopicPattern().matcher(e.getKey()).matches()) {
                    e.getValue().forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
        } else {
            for (String topic : config.getTopics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("Kafka Trident spout: topic '" + topic + "' does not exist at "
                            + config.getBootstrapServers() + ": create it before submitting the topology");
                }
                infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        all.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return all;
    }

    int numPartitions() {
        return partitions.size();
    }

    /** Reads and emits the batch after {@code last} (null: where the first poll offset strategy says). */
    KafkaTridentSpoutBatchMetadata emitNew(TransactionAttempt tx, TridentCollector collector, int partition,
                                           KafkaTridentSpoutBatchMetadata last) {
        TopicPartition tp = partitions.get(partition);
        long start = last != null ? last.nextOffset() : firstOffset(tp);
        LinkedHashMap<Long, KafkaTridentSpoutBatchMetadata> seen = recent.computeIfAbsent(partition,
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
    void emitExactly(TridentCollector collector, int partition, KafkaTridentSpoutBatchMetadata meta) {
        if (meta.isEmpty()) {
            return;
        }
        TopicPartition tp = partitions.get(partition);
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
        if (s == FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST || s == FirstPollOffsetStrategy.UNCOMMITTED_LATEST) {
            OffsetAndMetadata c = consumer.committed(Set.of(tp), TIMEOUT).get(tp);
            if (c != null) {
                return c.offset();
            }
        }
        boolean earliest = s == FirstPollOffsetStrategy.EARLIEST || s == FirstPollOffsetStrategy.UNCOMMITTED_EARLIEST;
        Map<TopicPartition, Long> o = earliest ? consumer.beginningOffsets(List.of(tp), TIMEOUT)
                : consumer.endOffsets(List.of(tp), TIMEOUT);
        return o.get(tp);
    }

    void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
