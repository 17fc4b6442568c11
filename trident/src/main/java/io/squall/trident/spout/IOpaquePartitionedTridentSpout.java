package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An opaque transactional spout over partitions: every tuple is in exactly one successful batch, but a replay of
 * a txid may emit different tuples than the first attempt (a partition was unreachable, more data arrived).
 * Exactly-once needs an opaque state behind it.
 *
 * @param <PartitionsT> the description of all partitions the coordinator gives each batch; must be Serializable
 * @param <PartitionT>  one partition
 * @param <M>           what tells where a partition's next batch starts (an offset, say); must be Serializable
 */
public interface IOpaquePartitionedTridentSpout<PartitionsT, PartitionT extends ISpoutPartition, M>
        extends ITridentDataSource {
    /** Says which partitions there are; runs in the batch coordinator task. */
    interface Coordinator<PartitionsT> {
        /** Whether batch {@code txid} may start now. */
        boolean isReady(long txid);

        /** The partitions of the next batch (asked again for every attempt). */
        PartitionsT getPartitionsForBatch();

        /** Called once when the task stops. */
        void close();
    }

    /** Emits batches for the partitions a task owns; one per task, confined to its thread. */
    interface Emitter<PartitionsT, PartitionT extends ISpoutPartition, M> {
        /**
         * Emits a batch for a partition starting after what {@code lastPartitionMeta} describes (null for the
         * start) and returns the metadata of where the batch ended.
         */
        M emitPartitionBatch(TransactionAttempt tx, TridentCollector collector, PartitionT partition,
                             M lastPartitionMeta);

        /** The partitions this task emits from now on (from {@link #getPartitionsForTask}). */
        void refreshPartitions(List<PartitionT> partitionResponsibilities);

        /** Every partition, in an order that is the same in every task. */
        List<PartitionT> getOrderedPartitions(PartitionsT allPartitionInfo);

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

    /** The emitter for one task. */
    Emitter<PartitionsT, PartitionT, M> getEmitter(Map<String, Object> conf, TopologyContext context);

    /** The coordinator, made once in the coordinator task. */
    Coordinator<PartitionsT> getCoordinator(Map<String, Object> conf, TopologyContext context);

    /** Component configuration merged into the spout's task config; may be null. */
    Map<String, Object> getComponentConfiguration();

    /** The fields of the emitted tuples. */
    Fields getOutputFields();
}
