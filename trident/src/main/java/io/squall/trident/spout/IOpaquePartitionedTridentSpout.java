package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.tuple.Fields;

import java.io.Serializable;
import java.util.Map;

/**
 * An opaque transactional spout over numbered partitions: every tuple is in exactly one successful batch, but a
 * replay of a txid may emit different tuples than the first attempt (a partition was unreachable, more data
 * arrived). Exactly-once needs an opaque state behind it.
 *
 * @param <M> what tells where a partition's next batch starts (an offset, say); must be Serializable
 */
public interface IOpaquePartitionedTridentSpout<M extends Serializable> extends Serializable {
    /** Emits batches for the partitions a task owns; one per task, confined to its thread. */
    interface Emitter<M> {
        /** How many partitions the source has. */
        int numPartitions();

        /**
         * Emits a batch for a partition starting after what {@code lastPartitionMeta} describes (null for the
         * start) and returns the metadata of where the batch ended.
         */
        M emitPartitionBatch(TransactionAttempt tx, TridentCollector collector, int partition,
                             M lastPartitionMeta);

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
