package io.squall.trident.state.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers what the batch being committed wrote to a backing map, so that a read of a key within the batch can tell
 * the batch's own write from a value stored before it. A map state needs that to apply a batch exactly: a stored
 * value with the batch's txid may be this attempt's write (update it further) or an earlier attempt's (start again
 * from what was there before). The map states reset it at {@code beginCommit} and {@code commit}. Confined to the
 * task thread of its state.
 *
 * @param <T> what the backing map stores
 */
public class CachedBatchReadsMap<T> {
    /** The backing map reads and writes go to (public, as in Storm). */
    public final IBackingMap<T> delegate;
    private final Map<List<Object>, T> written = new HashMap<>();

    /** Remembers the batch's writes to {@code delegate}. */
    public CachedBatchReadsMap(IBackingMap<T> delegate) {
        this.delegate = delegate;
    }

    /** Forgets the writes: a new batch starts, or the batch committed. */
    public void reset() {
        written.clear();
    }

    /**
     * The keys' values: what this batch wrote ({@link RetVal#cached}), else what the backing map holds (asked only for
     * the keys the batch has not written).
     */
    public List<RetVal<T>> multiGet(List<List<Object>> keys) {
        List<RetVal<T>> ret = new ArrayList<>(keys.size());
        List<List<Object>> toRead = new ArrayList<>();
        for (List<Object> key : keys) {
            if (written.containsKey(key)) {
                ret.add(new RetVal<>(written.get(key), true));
            } else {
                ret.add(null);
                toRead.add(key);
            }
        }
        if (toRead.isEmpty()) {
            return ret;
        }
        List<T> read = delegate.multiGet(toRead);
        int next = 0;
        for (int i = 0; i < ret.size(); i++) {
            if (ret.get(i) == null) {
                ret.set(i, new RetVal<>(read.get(next++), false));
            }
        }
        return ret;
    }

    /** Writes the values through to the backing map and remembers them as this batch's. */
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        delegate.multiPut(keys, vals);
        for (int i = 0; i < keys.size(); i++) {
            written.put(new ArrayList<>(keys.get(i)), vals.get(i));
        }
    }

    /**
     * A value read, and whether the batch being committed wrote it.
     *
     * @param <T> what the backing map stores
     */
    public static class RetVal<T> {
        /** Whether this batch wrote the value. */
        public final boolean cached;
        /** The value, or null if absent. */
        public final T val;

        /** The value {@code v}; {@code c}: written by this batch. */
        public RetVal(T v, boolean c) {
            this.val = v;
            this.cached = c;
        }
    }
}
