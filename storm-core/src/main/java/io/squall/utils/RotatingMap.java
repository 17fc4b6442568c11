package io.squall.utils;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A map whose entries expire by rotation, as Storm's {@code RotatingMap}: entries live in a ring of buckets;
 * {@link #put} writes to the newest, {@link #rotate} drops the oldest bucket (calling the callback for
 * each entry in it) and starts a new one. An entry untouched by {@code put} thus expires after between
 * {@code numBuckets - 1} and {@code numBuckets} rotations. Time-free: the caller decides when to rotate
 * (for example on tick tuples). Not thread-safe; use it from one thread, like a bolt's executor thread.
 */
public class RotatingMap<K, V> {
    /** Called for each entry that expires by rotation. */
    public interface ExpiredCallback<K, V> {
        /** {@code key} and {@code val} left the map because their bucket expired. */
        void expire(K key, V val);
    }

    private static final int DEFAULT_NUM_BUCKETS = 3;

    /** Newest bucket first. */
    private final Deque<HashMap<K, V>> buckets = new ArrayDeque<>();
    private final ExpiredCallback<K, V> callback;

    /**
     * A map of {@code numBuckets} buckets.
     *
     * @throws IllegalArgumentException if {@code numBuckets} is below 2
     */
    public RotatingMap(int numBuckets, ExpiredCallback<K, V> callback) {
        if (numBuckets < 2) {
            throw new IllegalArgumentException("A RotatingMap needs at least 2 buckets, got " + numBuckets);
        }
        for (int i = 0; i < numBuckets; i++) {
            buckets.add(new HashMap<>());
        }
        this.callback = callback;
    }

    /** A map of 3 buckets. */
    public RotatingMap(ExpiredCallback<K, V> callback) {
        this(DEFAULT_NUM_BUCKETS, callback);
    }

    /** A map of {@code numBuckets} buckets, without callback. */
    public RotatingMap(int numBuckets) {
        this(numBuckets, null);
    }

    /** Drops the oldest bucket, calling the callback for its entries, and returns them. */
    public Map<K, V> rotate() {
        Map<K, V> dead = rotateQuietly();
        expireAll(dead);
        return dead;
    }

    /** Drops the oldest bucket and returns it, without calling the callback. */
    Map<K, V> rotateQuietly() {
        HashMap<K, V> dead = buckets.removeLast();
        buckets.addFirst(new HashMap<>());
        return dead;
    }

    /** Calls the callback for each dropped entry. */
    void expireAll(Map<K, V> dead) {
        if (callback != null) {
            dead.forEach(callback::expire);
        }
    }

    /** Whether the key is in any bucket. */
    public boolean containsKey(K key) {
        for (HashMap<K, V> bucket : buckets) {
            if (bucket.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the key, or null. */
    public V get(K key) {
        for (HashMap<K, V> bucket : buckets) {
            if (bucket.containsKey(key)) {
                return bucket.get(key);
            }
        }
        return null;
    }

    /** Puts the entry into the newest bucket (moving it there if it was in an older one): its life restarts. */
    public void put(K key, V value) {
        Iterator<HashMap<K, V>> it = buckets.iterator();
        it.next().put(key, value);
        while (it.hasNext()) {
            it.next().remove(key);
        }
    }

    /** Removes the key; returns its value or null. */
    public V remove(K key) {
        for (HashMap<K, V> bucket : buckets) {
            if (bucket.containsKey(key)) {
                return bucket.remove(key);
            }
        }
        return null;
    }

    /** The number of entries. */
    public int size() {
        int n = 0;
        for (HashMap<K, V> bucket : buckets) {
            n += bucket.size();
        }
        return n;
    }
}
