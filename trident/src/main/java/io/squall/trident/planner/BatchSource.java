package io.squall.trident.planner;

import io.squall.task.TopologyContext;
import io.squall.trident.coordinator.CoordinatorStore;
import io.squall.trident.coordinator.CoordinatorStores;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.TransactionAttempt;
import io.squall.trident.state.JavaSerialization;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a user's spout inside a task: emits the batch of a transaction attempt, and learns when a txid is
 * committed. For partitioned spouts, each task owns the partitions {@code p} with {@code p % tasks == index},
 * and the metadata of every batch goes to the {@link CoordinatorStore} before the batch is emitted. Confined to
 * the task thread.
 */
abstract class BatchSource {
    abstract void open(Map<String, Object> conf, TopologyContext context);

    abstract void emitBatch(TransactionAttempt tx, TridentCollector collector);

    abstract void success(long txid);

    abstract void close();

    static BatchSource of(Object spout, String txStateId) {
        if (spout instanceof IBatchSpout s) {
            return new Batch(s);
        }
        if (spout instanceof IPartitionedTridentSpout<?> s) {
            return new Partitioned(txStateId, s, null);
        }
        return new Partitioned(txStateId, null, (IOpaquePartitionedTridentSpout<?>) spout);
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
        void emitBatch(TransactionAttempt tx, TridentCollector collector) {
            spout.emitBatch(tx.getTransactionId(), collector);
        }

        @Override
        void success(long txid) {
            spout.ack(txid);
        }

        @Override
        void close() {
            spout.close();
        }
    }

    private static final class Partitioned extends BatchSource {
        private final String txStateId;
        private final IPartitionedTridentSpout<?> transactional;
        private final IOpaquePartitionedTridentSpout<?> opaque;
        private IPartitionedTridentSpout.Emitter<Serializable> txEmitter;
        private IOpaquePartitionedTridentSpout.Emitter<Serializable> opaqueEmitter;
        private CoordinatorStore store;
        private final List<Integer> owned = new ArrayList<>();

        Partitioned(String txStateId, IPartitionedTridentSpout<?> transactional,
                    IOpaquePartitionedTridentSpout<?> opaque) {
            this.txStateId = txStateId;
            this.transactional = transactional;
            this.opaque = opaque;
        }

        @Override
        @SuppressWarnings("unchecked")
        void open(Map<String, Object> conf, TopologyContext context) {
            store = CoordinatorStores.open(conf, txStateId);
            int partitions;
            if (transactional != null) {
                txEmitter = (IPartitionedTridentSpout.Emitter<Serializable>) transactional.getEmitter(conf, context);
                partitions = txEmitter.numPartitions();
            } else {
                opaqueEmitter = (IOpaquePartitionedTridentSpout.Emitter<Serializable>) opaque.getEmitter(conf,
                        context);
                partitions = opaqueEmitter.numPartitions();
            }
            int tasks = context.getThisComponentTasks().size();
            for (int p = context.getThisTaskIndex(); p < partitions; p += tasks) {
                owned.add(p);
            }
        }

        @Override
        void emitBatch(TransactionAttempt tx, TridentCollector collector) {
            long txid = tx.getTransactionId();
            for (int p : owned) {
                Map.Entry<Long, byte[]> last = store.metaBefore(p, txid);
                Serializable lastMeta = last == null ? null : (Serializable) JavaSerialization.read(last.getValue());
                if (transactional != null) {
                    byte[] fixed = store.meta(p, txid);
                    if (fixed != null) {
                        txEmitter.emitPartitionBatch(tx, collector, p, (Serializable) JavaSerialization.read(fixed));
                        continue;
                    }
                    Serializable meta = txEmitter.emitPartitionBatchNew(tx, collector, p, lastMeta);
                    store.putMeta(p, txid, JavaSerialization.write(meta));
                    continue;
                }
                Serializable meta = opaqueEmitter.emitPartitionBatch(tx, collector, p, lastMeta);
                store.putMeta(p, txid, JavaSerialization.write(meta));
            }
        }

        @Override
        void success(long txid) {
            for (int p : owned) {
                store.pruneMetaBefore(p, txid);
            }
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
