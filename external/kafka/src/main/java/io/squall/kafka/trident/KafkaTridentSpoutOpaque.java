package io.squall.kafka.trident;

import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.Map;

/**
 * An opaque Trident spout over Kafka: each Kafka partition is a spout partition, each batch takes the records after
 * the previous batch's. Use with an opaque (or transactional) state for exactly-once counts. The topics must exist
 * when the topology starts; their partitions are counted then.
 */
public class KafkaTridentSpoutOpaque<K, V> implements IOpaquePartitionedTridentSpout<KafkaTridentSpoutBatchMetadata> {
    private static final long serialVersionUID = 1L;

    private final KafkaSpoutConfig<K, V> config;

    /** Reads as {@code config} says: topics, consumer properties, translator, first poll offset strategy. */
    public KafkaTridentSpoutOpaque(KafkaSpoutConfig<K, V> config) {
        this.config = config;
    }

    @Override
    public Emitter<KafkaTridentSpoutBatchMetadata> getEmitter(Map<String, Object> conf, TopologyContext context) {
        KafkaTridentEmitter<K, V> emitter = new KafkaTridentEmitter<>(config);
        return new Emitter<>() {
            @Override
            public int numPartitions() {
                return emitter.numPartitions();
            }

            @Override
            public KafkaTridentSpoutBatchMetadata emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                    int partition, KafkaTridentSpoutBatchMetadata lastPartitionMeta) {
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
