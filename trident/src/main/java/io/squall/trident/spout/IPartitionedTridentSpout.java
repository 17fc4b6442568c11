package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A transactional spout over partitions: the batch of a txid is described, per partition, by metadata {@code T}
 * stored with the txid, so a replay of that txid emits exactly the same tuples. The {@link Coordinator} says
 * which partitions exist for each batch; each emitter task takes its share of them.
 *
 * @param <PartitionsT> the description of all partitions the coordinator gives each batch; must be Serializable
 * @param <PartitionT>  one partition
 * @param <T>           what describes one partition's part of a batch (an offset range, say); must be Serializable
 */
public interface IPartitionedTridentSpout<PartitionsT, PartitionT extends ISpoutPartition, T>
        extends ITridentDataSource {
    /** Says which partitions there are; runs in the batch coordinator task. */
    interface Coordinator<PartitionsT> {
        /** The partitions of a new batch; a replayed batch keeps those of its first attempt. */
        PartitionsT getPartitionsForBatch();

        /** Whether batch {@code txid} may start now. */
        boolean isReady(long txid);

        /** Called once when the task stops. */
        void close();
    }

    /** Emits batches for the partitions a task owns; one per task, confined to its thread. */
    interface Emitter<PartitionsT, PartitionT extends ISpoutPartition, X> {
        /** Every partition, in an order that is the same in every task. */
        List<PartitionT> getOrderedPartitions(PartitionsT allPartitionInfo);

        /**
         * Emits a new batch for a partition, following the one described by {@code lastPartitionMeta} (null for
         * the first), and returns the metadata that describes what it emitted.
         */
        X emitPartitionBatchNew(TransactionAttempt tx, TridentCollector collector, PartitionT partition,
                                X lastPartitionMeta);

        /** The partitions this task emits from now on (from {@link #getPartitionsForTask}). */
        void refreshPartitions(List<PartitionT> partitionResponsibilities);

        /** Emits exactly the batch {@code partitionMeta} describes again. */
        void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector, PartitionT partition,
                                X partitionMeta);

        /** The partitions task {@code taskId} (its index, from 0) of {@code numTasks} owns: every numTasks-th. */
        default List<PartitionT> getPartitionsForTask(int taskId, int numTasks,
                                                      List<PartitionT> allPartitionInfoSorted) {
            List<PartitionT> mine = new ArrayList<>();
            for (int i = taskId; i < allPartitionInfoSorted.size(); i += numTasks) {
                mine.add(allPartitionInfoSorted.get(i));
            }
            return mine;
        }

        /** Called once when the task stops. */
        void close();
    }

    /** The coordinator, made once in the coordinator task. */
    Coordinator<PartitionsT> getCoordinator(Map<String, Object> conf, TopologyContext context);

    /** The emitter for one task. */
    Emitter<PartitionsT, PartitionT, T> getEmitter(Map<String, Object> conf, TopologyContext context);

    /** Component configuration merged into the spout's task config; may be null. */
    Map<String, Object> getComponentConfiguration();

    /** The fields of the emitted tuples. */
    Fields getOutputFields();
}
