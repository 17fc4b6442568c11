package io.squall.trident.state.map;

import io.squall.trident.state.ValueUpdater;

import java.util.ArrayList;
import java.util.List;

/**
 * What the three map states share: the backing map behind a {@link CachedBatchReadsMap}, the txid of the batch being
 * committed, and closing the backing map if it holds resources. Within a commit, a key the batch has written reads
 * as that write, so a batch may update a key more than once, as in Storm.
 *
 * @param <T> the user's value
 * @param <S> what is stored per key
 */
abstract class AbstractMapState<T, S> implements MapState<T>, AutoCloseable {
    final CachedBatchReadsMap<S> backing;
    Long currTx;

    AbstractMapState(IBackingMap<S> backing) {
        this.backing = new CachedBatchReadsMap<>(backing);
    }

    /**
     * The user's value in a stored one, as the batch being committed sees it ({@code currTx}, null outside a commit);
     * {@code writtenByThisBatch}: the stored value is this attempt's own write.
     */
    abstract T read(S stored, boolean writtenByThisBatch);

    /** What to store for a new value, given the stored one (null if absent). */
    abstract S wrap(S stored, T newVal);

    /** Whether an earlier attempt of this batch has already been applied to the stored value (it is then kept). */
    boolean alreadyApplied(S stored, boolean writtenByThisBatch) {
        return false;
    }

    @Override
    public void beginCommit(Long txid) {
        currTx = txid;
        backing.reset();
    }

    @Override
    public void commit(Long txid) {
        currTx = null;
        backing.reset();
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        List<CachedBatchReadsMap.RetVal<S>> stored = backing.multiGet(keys);
        List<T> ret = new ArrayList<>(stored.size());
        for (CachedBatchReadsMap.RetVal<S> s : stored) {
            ret.add(s.val == null ? null : read(s.val, s.cached));
        }
        return ret;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<T> multiUpdate(List<List<Object>> keys, List<ValueUpdater> updaters) {
        List<CachedBatchReadsMap.RetVal<S>> stored = backing.multiGet(keys);
        List<T> ret = new ArrayList<>(keys.size());
        List<List<Object>> changedKeys = new ArrayList<>(keys.size());
        List<S> changed = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            S s = stored.get(i).val;
            boolean ours = stored.get(i).cached;
            if (s != null && alreadyApplied(s, ours)) {
                ret.add(read(s, ours));
                continue;
            }
            T newVal = (T) updaters.get(i).update(s == null ? null : read(s, ours));
            ret.add(newVal);
            changedKeys.add(keys.get(i));
            changed.add(wrap(s, newVal));
        }
        if (!changedKeys.isEmpty()) {
            write(changedKeys, changed);
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        List<CachedBatchReadsMap.RetVal<S>> stored = backing.multiGet(keys);
        List<S> wrapped = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            wrapped.add(wrap(stored.get(i).val, vals.get(i)));
        }
        write(keys, wrapped);
    }

    /**
     * Writes to the backing map; a write outside a commit is not remembered as a batch's, so later reads go to the
     * backing map, which other partitions may have changed since.
     */
    private void write(List<List<Object>> keys, List<S> vals) {
        backing.multiPut(keys, vals);
        if (currTx == null) {
            backing.reset();
        }
    }

    @Override
    public void close() {
        if (backing.delegate instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + c.getClass().getName() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
