package io.squall.runtime.acker;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;

/**
 * A map from long keys that expires entries in bulk: new entries go into the newest of {@code n} buckets,
 * and {@link #rotate} drops the oldest bucket and hands its entries to a callback. Rotated every
 * {@code timeout / (n - 1)}, an entry expires between {@code timeout} and {@code timeout * n / (n - 1)}
 * after it was last put: no per-entry timers. Single-threaded.
 *
 * @param <V> the value type
 */
public final class RotatingMap<V> {
    private final Deque<Long2ObjectHashMap<V>> buckets = new ArrayDeque<>();
    private int size;

    /** A map with {@code numBuckets} buckets, at least 2. */
    public RotatingMap(int numBuckets) {
        if (numBuckets < 2) {
            throw new IllegalArgumentException("RotatingMap needs at least 2 buckets, got " + numBuckets);
        }
        for (int i = 0; i < numBuckets; i++) {
            buckets.add(new Long2ObjectHashMap<>());
        }
    }

    /** Puts an entry into the newest bucket, moving it there if it exists in an older one. */
    public void put(long key, V value) {
        boolean first = true;
        for (Long2ObjectHashMap<V> b : buckets) {
            if (first) {
                if (b.put(key, value) == null) {
                    size++;
                }
                first = false;
            } else if (b.remove(key) != null) {
                size--;
            }
        }
    }

    /** Puts an entry known to be absent (a fresh random key) into the newest bucket: one hash operation. */
    public void putNew(long key, V value) {
        if (buckets.peekFirst().put(key, value) == null) {
            size++;
        }
    }

    /** The value of a key, or null. */
    public V get(long key) {
        for (Long2ObjectHashMap<V> b : buckets) {
            V v = b.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Removes a key, returning its value or null. */
    public V remove(long key) {
        for (Long2ObjectHashMap<V> b : buckets) {
            V v = b.remove(key);
            if (v != null) {
                size--;
                return v;
            }
        }
        return null;
    }

    /** Moves an existing entry into the newest bucket, restarting its expiry; returns whether it existed. */
    public boolean touch(long key) {
        V v = remove(key);
        if (v == null) {
            return false;
        }
        put(key, v);
        return true;
    }

    /** Drops the oldest bucket, handing each of its entries to {@code expired}, and opens a new bucket. */
    public void rotate(BiConsumer<Long, V> expired) {
        Long2ObjectHashMap<V> oldest = buckets.removeLast();
        buckets.addFirst(new Long2ObjectHashMap<>());
        size -= oldest.size();
        if (expired != null) {
            oldest.forEach(expired);
        }
    }

    /** Number of entries. */
    public int size() {
        return size;
    }
}
