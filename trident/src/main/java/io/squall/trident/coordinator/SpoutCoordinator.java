package io.squall.trident.coordinator;

import io.squall.task.TopologyContext;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ITridentDataSource;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.state.JavaSerialization;

import java.util.Map;

/**
 * A spout's own coordinator, run by the {@link MasterBatchCoordinator}: decides each batch's metadata (for a
 * partitioned spout, its partitions) and keeps it in the stream's {@link CoordinatorStore} under
 * {@value #KEY}, so a replayed batch of a transactional spout gets the same metadata. Confined to the coordinator
 * thread.
 */
public final class SpoutCoordinator {
    /** The store key of the batch metadata; partition keys start with {@code p:} so they never clash with it. */
    public static final String KEY = "$batch";

    private final ITridentSpout.BatchCoordinator<Object> coordinator;
    private final CoordinatorStore store;
    private final ClassLoader loader;

    private SpoutCoordinator(ITridentSpout.BatchCoordinator<Object> coordinator, CoordinatorStore store,
                             ClassLoader loader) {
        this.coordinator = coordinator;
        this.store = store;
        this.loader = loader;
    }

    /** The coordinator of a spout that has one (not an {@code IBatchSpout}), or null. */
    @SuppressWarnings("unchecked")
    static SpoutCoordinator of(String txStateId, ITridentDataSource spout, Map<String, Object> conf,
                               TopologyContext context, CoordinatorStore store) {
        ITridentSpout.BatchCoordinator<Object> c;
        if (spout instanceof ITridentSpout<?> s) {
            c = (ITridentSpout.BatchCoordinator<Object>) s.getCoordinator(txStateId, conf, context);
        } else if (spout instanceof IPartitionedTridentSpout<?, ?, ?> s) {
            IPartitionedTridentSpout.Coordinator<?> pc = s.getCoordinator(conf, context);
            c = new Adapter(pc::isReady, pc::close) {
                @Override
                public Object initializeTransaction(long txid, Object prev, Object curr) {
                    return curr != null ? curr : pc.getPartitionsForBatch();
                }
            };
        } else if (spout instanceof IOpaquePartitionedTridentSpout<?, ?, ?> s) {
            IOpaquePartitionedTridentSpout.Coordinator<?> oc = s.getCoordinator(conf, context);
            c = new Adapter(oc::isReady, oc::close) {
                @Override
                public Object initializeTransaction(long txid, Object prev, Object curr) {
                    return oc.getPartitionsForBatch();
                }
            };
        } else {
            return null;
        }
        if (c == null) {
            throw new IllegalStateException("Spout " + spout.getClass().getName() + " of stream '" + txStateId
                    + "' returned no coordinator");
        }
        return new SpoutCoordinator(c, store, spout.getClass().getClassLoader());
    }

    boolean isReady(long txid) {
        return coordinator.isReady(txid);
    }

    /** Decides and stores the metadata of an attempt at {@code txid}; returns it serialized. */
    byte[] initialize(long txid) {
        Map.Entry<Long, byte[]> prev = store.metaBefore(KEY, txid);
        byte[] curr = store.meta(KEY, txid);
        Object meta = coordinator.initializeTransaction(txid,
                prev == null ? null : JavaSerialization.read(prev.getValue(), loader),
                curr == null ? null : JavaSerialization.read(curr, loader));
        byte[] bytes = JavaSerialization.write(meta);
        store.putMeta(KEY, txid, bytes);
        return bytes;
    }

    void success(long txid) {
        store.pruneMetaBefore(KEY, txid);
        coordinator.success(txid);
    }

    void close() {
        coordinator.close();
    }

    private abstract static class Adapter implements ITridentSpout.BatchCoordinator<Object> {
        private final java.util.function.LongPredicate ready;
        private final Runnable close;

        Adapter(java.util.function.LongPredicate ready, Runnable close) {
            this.ready = ready;
            this.close = close;
        }

        @Override
        public void success(long txid) {
        }

        @Override
        public boolean isReady(long txid) {
            return ready.test(txid);
        }

        @Override
        public void close() {
            close.run();
        }
    }
}
