package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.List;
import java.util.Map;

/**
 * A transactional Trident spout over Kafka: a replayed batch is read again from exactly the offsets it first
 * covered, so any state (even one that only skips committed txids) sees the same tuples. A batch can only be
 * replayed while Kafka still holds its records. The topics must exist when the topology starts.
 */
public class KafkaTridentSpoutTransactional<K, V> implements IPartitionedTridentSpout<
        List<KafkaTridentSpoutTopicPartition>, KafkaTridentSpoutTopicPartition, KafkaTridentSpoutBatchMetadata> {
    private static final long serialVersionUID = 1L;

    private final KafkaSpoutConfig<K, V> config;

    /** Reads as {@code config} says: topics, consumer properties, translator, first poll offset strategy. */
    public KafkaTridentSpoutTransactional(KafkaTridentSpoutConfig<K, V> config) {
        this(config.spoutConfig());
    }

    /**
     * Reads as {@code config} says: topics, consumer properties, translator, first poll offset strategy, poll timeout
     * and partition refresh period; its other settings are a {@code KafkaSpout}'s and change nothing here.
     */
    public KafkaTridentSpoutTransactional(KafkaSpoutConfig<K, V> config) {
        this.config = config;
    }

    @Override
    public Coordinator<List<KafkaTridentSpoutTopicPartition>> getCoordinator(Map<String, Object> conf,
                                                                             TopologyContext context) {
        return new KafkaTridentSpoutCoordinator<>(config);
    }

    @Override
    public Emitter<List<KafkaTridentSpoutTopicPartition>, KafkaTridentSpoutTopicPartition,
            KafkaTridentSpoutBatchMetadata> getEmitter(Map<String, Object> conf, TopologyContext context) {
        KafkaTridentSpoutEmitter<K, V> emitter = new KafkaTridentSpoutEmitter<>(config);
        return new Emitter<>() {
            @Override
            public List<KafkaTridentSpoutTopicPartition> getOrderedPartitions(
                    List<KafkaTridentSpoutTopicPartition> allPartitionInfo) {
                return emitter.orderedPartitions(allPartitionInfo);
            }

            @Override
            public List<KafkaTridentSpoutTopicPartition> getPartitionsForTask(int taskId, int numTasks,
                    List<KafkaTridentSpoutTopicPartition> allPartitionInfoSorted) {
                return emitter.partitionsForTask(allPartitionInfoSorted, context);
            }

            @Override
            public KafkaTridentSpoutBatchMetadata emitPartitionBatchNew(TransactionAttempt tx,
                    TridentCollector collector, KafkaTridentSpoutTopicPartition partition,
                    KafkaTridentSpoutBatchMetadata lastPartitionMeta) {
                return emitter.emitNew(tx, collector, partition, lastPartitionMeta);
            }

            @Override
            public void refreshPartitions(List<KafkaTridentSpoutTopicPartition> partitionResponsibilities) {
                emitter.refreshPartitions(partitionResponsibilities);
            }

            @Override
            public void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                           KafkaTridentSpoutTopicPartition partition,
                                           KafkaTridentSpoutBatchMetadata partitionMeta) {
                emitter.emitExactly(collector, partition, partitionMeta);
            }

            @Override
            public void close() {
                emitter.close();
            }
        };
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }

    @Override
    public Fields getOutputFields() {
        return config.getTranslator().getFieldsFor(config.getTranslator().streams().get(0));
    }
}
