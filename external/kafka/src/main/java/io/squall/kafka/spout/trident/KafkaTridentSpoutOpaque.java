package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.List;
import java.util.Map;

/**
 * An opaque Trident spout over Kafka: each Kafka partition is a spout partition, each batch takes the records after
 * the previous batch's. Use with an opaque (or transactional) state for exactly-once counts. The topics must exist
 * when the topology starts; their partitions are listed again every partition refresh period of the config.
 */
public class KafkaTridentSpoutOpaque<K, V> implements IOpaquePartitionedTridentSpout<
        List<KafkaTridentSpoutTopicPartition>, KafkaTridentSpoutTopicPartition, KafkaTridentSpoutBatchMetadata> {
    private static final long serialVersionUID = 1L;

    private final KafkaSpoutConfig<K, V> config;

    /** Reads as {@code config} says: topics, consumer properties, translator, first poll offset strategy. */
    public KafkaTridentSpoutOpaque(KafkaTridentSpoutConfig<K, V> config) {
        this(config.spoutConfig());
    }

    /**
     * Reads as {@code config} says: topics, consumer properties, translator, first poll offset strategy, poll timeout
     * and partition refresh period; its other settings are a {@code KafkaSpout}'s and change nothing here.
     */
    public KafkaTridentSpoutOpaque(KafkaSpoutConfig<K, V> config) {
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
            public void refreshPartitions(List<KafkaTridentSpoutTopicPartition> partitionResponsibilities) {
                emitter.refreshPartitions(partitionResponsibilities);
            }

            @Override
            public KafkaTridentSpoutBatchMetadata emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                    KafkaTridentSpoutTopicPartition partition, KafkaTridentSpoutBatchMetadata lastPartitionMeta) {
                return emitter.emitNew(tx, collector, partition, lastPartitionMeta);
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
