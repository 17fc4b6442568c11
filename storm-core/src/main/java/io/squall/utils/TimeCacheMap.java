package io.squall.utils;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A thread-safe map whose entries expire about {@code expirationSecs} after their last {@code put}, as
 * Storm's {@code TimeCacheMap}: a {@link RotatingMap} rotated by a daemon thread every
 * {@code expirationSecs / (numBuckets - 1)} seconds, so an entry lives between {@code expirationSecs} and
 * {@code expirationSecs * numBuckets / (numBuckets - 1)} seconds. The callback runs on that thread.
 * Call {@link #cleanup()} to stop the thread.
 */
public class TimeCacheMap<K, V> {
    /** Storm's name for the expiry callback of a {@code TimeCacheMap}. */
    public interface ExpiredCallback<K, V> extends RotatingMap.ExpiredCallback<K, V> {
    }

    private static final int DEFAULT_NUM_BUCKETS = 3;

    private final RotatingMap<K, V> map;
    private final ScheduledExecutorService cleaner;

    /**
     * A map whose entries expire after {@code expirationSecs}, in {@code numBuckets} buckets.
     *
     * @throws IllegalArgumentException if {@code expirationSecs} is below 1 or {@code numBuckets} below 2
     */
    public TimeCacheMap(int expirationSecs, int numBuckets, RotatingMap.ExpiredCallback<K, V> callback) {
        if (expirationSecs < 1) {
            throw new IllegalArgumentException("TimeCacheMap expiration must be at least 1 second, got "
                    + expirationSecs);
        }
        this.map = new RotatingMap<>(numBuckets, callback);
        long periodMs = expirationSecs * 1000L / (numBuckets - 1);
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "time-cache-map-cleaner");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleAtFixedRate(this::rotate, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** A map of 3 buckets. */
    public TimeCacheMap(int expirationSecs, RotatingMap.ExpiredCallback<K, V> callback) {
        this(expirationSecs, DEFAULT_NUM_BUCKETS, callback);
    }

    /** A map without callback. */
    public TimeCacheMap(int expirationSecs, int numBuckets) {
        this(expirationSecs, numBuckets, null);
    }

    /** A map of 3 buckets without callback. */
    public TimeCacheMap(int expirationSecs) {
        this(expirationSecs, DEFAULT_NUM_BUCKETS, null);
    }

    private void rotate() {
        Map<K, V> dead;
        synchronized (map) {
            // The callback is called outside the lock below, so it may use this map.
            dead = map.rotateQuietly();
        }
        map.expireAll(dead);
    }

    /** Whether the key is present. */
    public boolean containsKey(K key) {
        synchronized (map) {
            return map.containsKey(key);
        }
    }

    /** The key's value, or null. */
    public V get(K key) {
        synchronized (map) {
            return map.get(key);
        }
    }

    /** Puts an entry; its life restarts. */
    public void put(K key, V value) {
        synchronized (map) {
            map.put(key, value);
        }
    }

    /** Removes the key; returns its value or null. */
    public Object remove(K key) {
        synchronized (map) {
            return map.remove(key);
        }
    }

    /** The number of entries. */
    public int size() {
        synchronized (map) {
            return map.size();
        }
    }

    /** Stops the expiry thread; entries no longer expire. */
    public void cleanup() {
        cleaner.shutdownNow();
    }
}
