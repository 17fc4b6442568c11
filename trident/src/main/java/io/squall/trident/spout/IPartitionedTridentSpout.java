package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.tuple.Fields;

import java.io.Serializable;
import java.util.Map;

/**
 * A transactional spout over numbered partitions: the batch of a txid is described, per partition, by
 * metadata {@code M} that is stored with the txid, so a replay of that txid emits exactly the same tuples.
 *
 * @param <M> what describes one partition's part of a batch (an offset range, say); must be Serializable
 */
public interface IPartitionedTridentSpout<M extends Serializable> extends Serializable {
    /** Emits batches for the partitions a task owns; one per task, confined to its thread. */
    interface Emitter<M> {
        /** How many partitions the source has. */
        int numPartitions();

        /**
         * Emits a new batch for a partition, following the one described by {@code lastPartitionMeta} (null for
         * the first), and returns the metadata that describes what it emitted.
         */
        M emitPartitionBatchNew(TransactionAttempt tx, TridentCollector collector, int partition,
                                M lastPartitionMeta);

        /** Emits exactly the batch {@code partitionMeta} describes again. */
        void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector, int partition, M partitionMeta);

        /** Called once when the task stops. */
        void close();
    }

    /** The emitter for one task. */
    Emitter<M> getEmitter(Map<String, Object> conf, TopologyContext context);

    /** Component configuration merged into the spout's task config; may be null. */
    Map<String, Object> getComponentConfiguration();

    /** The fields of the emitted tuples. */
    Fields getOutputFields();
}
