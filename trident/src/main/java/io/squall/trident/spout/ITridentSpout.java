package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.Map;

/**
 * The general Trident spout. One {@link BatchCoordinator} (in the topology's batch coordinator task) decides
 * the metadata {@code T} of each batch; it is stored with the txid, and every {@link Emitter} task is given it to
 * emit its part of the batch. A replayed txid gets its stored metadata again, so an emitter that emits
 * deterministically from the metadata makes a transactional spout.
 *
 * @param <T> the metadata of a batch; must be Serializable
 */
public interface ITridentSpout<T> extends ITridentDataSource {
    /** Decides each batch's metadata; runs in one task, on one thread. */
    interface BatchCoordinator<X> {
        /**
         * The metadata of batch {@code txid}.
         *
         * @param prevMetadata the metadata of the batch before (null for the first)
         * @param currMetadata the metadata of an earlier attempt at this txid, or null if this is the first
         */
        X initializeTransaction(long txid, X prevMetadata, X currMetadata);

        /** Batch {@code txid} is committed. */
        void success(long txid);

        /** Whether batch {@code txid} may start now; asked again later when not. */
        boolean isReady(long txid);

        /** Called once when the task stops. */
        void close();
    }

    /** Emits batches; one per spout task, confined to its thread. */
    interface Emitter<X> {
        /** Emits this task's part of the batch that {@code coordinatorMeta} describes. */
        void emitBatch(TransactionAttempt tx, X coordinatorMeta, TridentCollector collector);

        /** The batch of {@code tx} is committed. */
        void success(TransactionAttempt tx);

        /** Called once when the task stops. */
        void close();
    }

    /** The coordinator, made once in the coordinator task. */
    BatchCoordinator<T> getCoordinator(String txStateId, Map<String, Object> conf, TopologyContext context);

    /** The emitter of one spout task. */
    Emitter<T> getEmitter(String txStateId, Map<String, Object> conf, TopologyContext context);

    /** Component configuration merged into the spout's task config; may be null. */
    Map<String, Object> getComponentConfiguration();

    /** The fields of the emitted tuples. */
    Fields getOutputFields();
}
