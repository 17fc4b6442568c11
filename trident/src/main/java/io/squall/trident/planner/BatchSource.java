package io.squall.trident.planner;

import io.squall.task.TopologyContext;
import io.squall.trident.coordinator.CoordinatorStore;
import io.squall.trident.coordinator.CoordinatorStores;
import io.squall.topology.FailedException;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.ICommitterTridentSpout;
import io.squall.trident.spout.IFiniteTridentSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ISpoutPartition;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.state.JavaSerialization;
import io.squall.trident.topology.TransactionAttempt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a user's spout inside a task: emits its part of the batch of a transaction attempt, given the batch
 * metadata the spout's coordinator decided, and learns when a txid is committed. For partitioned spouts the
 * emitter picks the task's partitions from the coordinator's list, and the metadata of every partition's batch
 * goes to the {@link CoordinatorStore} (under {@code p:<partition id>}) before the batch is emitted. Confined to
 * the task thread.
 */
abstract class BatchSource {
    abstract void open(Map<String, Object> conf, TopologyContext context);

    /** Emits the batch; {@code coordinatorMeta} is the serialized batch metadata, or null for a batch spout. */
    abstract void emitBatch(TransactionAttempt tx, byte[] coordinatorMeta, TridentCollector collector);

    abstract void success(long txid);

    /**
     * Batch {@code txid} commits: an {@link ICommitterTridentSpout}'s emitter is told, with the attempt this task
     * emitted the batch in; other spouts have nothing to do.
     *
     * @throws FailedException if this task has not emitted the batch (it restarted since), so the commit fails and
     *                         the coordinator replays the batch
     */
    void commit(long txid) {
    }

    /** Whether the spout (or this task's emitter) is an {@link IFiniteTridentSpout} that has finished. */
    abstract boolean finished();

    static boolean finished(Object spoutOrEmitter) {
        return spoutOrEmitter instanceof IFiniteTridentSpout f && f.isFinished();
    }

    abstract void close();

    static BatchSource of(Object spout, String txStateId) {
        if (spout instanceof IBatchSpout s) {
            return new Batch(s);
        }
        if (spout instanceof ITridentSpout<?> s) {
            return new General(txStateId, s);
        }
        if (spout instanceof IPartitionedTridentSpout<?, ?, ?> s) {
            return new Partitioned(txStateId, s, null);
        }
        return new Partitioned(txStateId, null, (IOpaquePartitionedTridentSpout<?, ?, ?>) spout);
    }

    private static Object meta(byte[] coordinatorMeta, TransactionAttempt tx, Object spout) {
        if (coordinatorMeta == null) {
            throw new IllegalStateException("Batch " + tx + " came without its spout coordinator's metadata");
        }
        return JavaSerialization.read(coordinatorMeta, spout.getClass().getClassLoader());
    }

    private static final class Batch extends BatchSource {
        private final IBatchSpout spout;

        Batch(IBatchSpout spout) {
            this.spout = spout;
        }

        @Override
        void open(Map<String, Object> conf, TopologyContext context) {
            spout.open(conf, context);
        }

        @Override
        void emitBatch(TransactionAttempt tx, byte[] coordinatorMeta, TridentCollector collector) {
            spout.emitBatch(tx.getTransactionId(), collector);
        }

        @Override
        void success(long txid) {
            spout.ack(txid);
        }

        @Override
        boolean finished() {
            return finished(spout);
        }

        @Override
        void close() {
            spout.close();
        }
    }

    private static final class General extends BatchSource {
        private final String txStateId;
        private final ITridentSpout<?> spout;
        private ITridentSpout.Emitter<Object> emitter;
        private final Map<Long, Integer> attempts = new HashMap<>();

        General(String txStateId, ITridentSpout<?> spout) {
            this.txStateId = txStateId;
            this.spout = spout;
        }

        @Override
        @SuppressWarnings("unchecked")
        void open(Map<String, Object> conf, TopologyContext context) {
            emitter = (ITridentSpout.Emitter<Object>) spout.getEmitter(txStateId, conf, context);
        }

        @Override
        void emitBatch(TransactionAttempt tx, byte[] coordinatorMeta, TridentCollector collector) {
            attempts.put(tx.getTransactionId(), tx.getAttemptId());
            emitter.emitBatch(tx, meta(coordinatorMeta, tx, spout), collector);
        }

        @Override
        void commit(long txid) {
            if (!(emitter instanceof ICommitterTridentSpout.Emitter committer)) {
                return;
            }
            Integer attempt = attempts.get(txid);
            if (attempt == null) {
                throw new FailedException("Spout task of stream '" + txStateId + "' has not emitted batch " + txid
                        + " (it restarted since), so it cannot commit it; the batch is replayed");
            }
            committer.commit(new TransactionAttempt(txid, attempt));
        }

        @Override
        void success(long txid) {
            Integer attempt = attempts.remove(txid);
            attempts.keySet().removeIf(t -> t < txid);
            emitter.success(new TransactionAttempt(txid, attempt == null ? 0 : attempt));
        }

        @Override
        boolean finished() {
            return finished(emitter);
        }

        @Override
        void close() {
            emitter.close();
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Partitioned extends BatchSource {
        private final String txStateId;
        private final IPartitionedTridentSpout transactional;
        private final IOpaquePartitionedTridentSpout opaque;
        private IPartitionedTridentSpout.Emitter txEmitter;
        private IOpaquePartitionedTridentSpout.Emitter opaqueEmitter;
        private CoordinatorStore store;
        private int taskIndex;
        private int tasks;
        private Object partitionsSeen;
        private boolean refreshed;
        private List<ISpoutPartition> owned = new ArrayList<>();

        Partitioned(String txStateId, IPartitionedTridentSpout<?, ?, ?> transactional,
                    IOpaquePartitionedTridentSpout<?, ?, ?> opaque) {
            this.txStateId = txStateId;
            this.transactional = transactional;
            this.opaque = opaque;
        }

        @Override
        void open(Map<String, Object> conf, TopologyContext context) {
            store = CoordinatorStores.open(conf, txStateId);
            if (transactional != null) {
                txEmitter = transactional.getEmitter(conf, context);
            } else {
                opaqueEmitter = opaque.getEmitter(conf, context);
            }
            taskIndex = context.getThisTaskIndex();
            tasks = context.getThisComponentTasks().size();
        }

        /** Asks the emitter for this task's partitions whenever the coordinator's description changes. */
        private void refresh(Object partitions) {
            if (refreshed && Objects.equals(partitions, partitionsSeen)) {
                return;
            }
            List<ISpoutPartition> ordered = transactional != null ? txEmitter.getOrderedPartitions(partitions)
                    : opaqueEmitter.getOrderedPartitions(partitions);
            List<ISpoutPartition> mine = transactional != null
                    ? txEmitter.getPartitionsForTask(taskIndex, tasks, ordered)
                    : opaqueEmitter.getPartitionsForTask(taskIndex, tasks, ordered);
            if (transactional != null) {
                txEmitter.refreshPartitions(mine);
            } else {
                opaqueEmitter.refreshPartitions(mine);
            }
            owned = new ArrayList<>(mine);
            partitionsSeen = partitions;
            refreshed = true;
        }

        private Object spout() {
            return transactional != null ? transactional : opaque;
        }

        private ClassLoader loader() {
            return spout().getClass().getClassLoader();
        }

        @Override
        void emitBatch(TransactionAttempt tx, byte[] coordinatorMeta, TridentCollector collector) {
            refresh(meta(coordinatorMeta, tx, spout()));
            long txid = tx.getTransactionId();
            for (ISpoutPartition p : owned) {
                String key = "p:" + p.getId();
                Map.Entry<Long, byte[]> last = store.metaBefore(key, txid);
                Object lastMeta = last == null ? null : JavaSerialization.read(last.getValue(), loader());
                if (transactional != null) {
                    byte[] fixed = store.meta(key, txid);
                    if (fixed != null) {
                        txEmitter.emitPartitionBatch(tx, collector, p, JavaSerialization.read(fixed, loader()));
                        continue;
                    }
                    Object meta = txEmitter.emitPartitionBatchNew(tx, collector, p, lastMeta);
                    store.putMeta(key, txid, JavaSerialization.write(meta));
                    continue;
                }
                Object meta = opaqueEmitter.emitPartitionBatch(tx, collector, p, lastMeta);
                store.putMeta(key, txid, JavaSerialization.write(meta));
            }
        }

        @Override
        void success(long txid) {
            for (ISpoutPartition p : owned) {
                store.pruneMetaBefore("p:" + p.getId(), txid);
            }
        }

        @Override
        boolean finished() {
            return finished(transactional != null ? txEmitter : opaqueEmitter);
        }

        @Override
        void close() {
            if (txEmitter != null) {
                txEmitter.close();
            }
            if (opaqueEmitter != null) {
                opaqueEmitter.close();
            }
            store.close();
        }
    }
}
