package io.squall.trident.state.map;

import io.squall.trident.state.ValueUpdater;

import java.util.ArrayList;
import java.util.List;

/**
 * What the three map states share: the backing map, the txid of the batch being committed, and closing the
 * backing map if it holds resources.
 *
 * @param <T> the user's value
 * @param <S> what is stored per key
 */
abstract class AbstractMapState<T, S> implements MapState<T>, AutoCloseable {
    final IBackingMap<S> backing;
    Long currTx;

    AbstractMapState(IBackingMap<S> backing) {
        this.backing = backing;
    }

    /** The user's value in a stored one. */
    abstract T unwrap(S stored);

    /** What to store for a new value, given the stored one. */
    abstract S wrap(S stored, T newVal);

    /** The value the update of this batch starts from, given the stored one. */
    abstract T base(S stored);

    /** Whether this batch has already been applied to the stored value (it is then kept). */
    boolean alreadyApplied(S stored) {
        return false;
    }

    @Override
    public void beginCommit(Long txid) {
        currTx = txid;
    }

    @Override
    public void commit(Long txid) {
        currTx = null;
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        List<S> stored = backing.multiGet(keys);
        List<T> ret = new ArrayList<>(stored.size());
        for (S s : stored) {
            ret.add(s == null ? null : unwrap(s));
        }
        return ret;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<T> multiUpdate(List<List<Object>> keys, List<ValueUpdater> updaters) {
        List<S> stored = backing.multiGet(keys);
        List<T> ret = new ArrayList<>(keys.size());
        List<List<Object>> changedKeys = new ArrayList<>(keys.size());
        List<S> changed = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            S s = stored.get(i);
            if (s != null && alreadyApplied(s)) {
                ret.add(unwrap(s));
                continue;
            }
            T newVal = (T) updaters.get(i).update(s == null ? null : base(s));
            ret.add(newVal);
            changedKeys.add(keys.get(i));
            changed.add(wrap(s, newVal));
        }
        if (!changedKeys.isEmpty()) {
            backing.multiPut(changedKeys, changed);
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        List<S> stored = backing.multiGet(keys);
        List<S> wrapped = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            wrapped.add(wrap(stored.get(i), vals.get(i)));
        }
        backing.multiPut(keys, wrapped);
    }

    @Override
    public void close() {
        if (backing instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + c.getClass().getName() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
