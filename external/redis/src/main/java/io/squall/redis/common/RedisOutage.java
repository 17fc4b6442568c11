package io.squall.redis.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * When a Redis server last failed to answer, per {@code host:port} in this JVM, so that the reads a stateful bolt
 * makes for its tuples fail at once for a moment after a failure instead of each trying to connect again. With Redis
 * down a bolt would otherwise spend one or two connection attempts on every tuple (each the whole connection timeout
 * when the server is unreachable rather than refusing), and the checkpoint barriers queued behind those tuples, which
 * the spouts keep replaying, would take minutes to arrive. A call Redis answers ends the pause at once. Thread-safe.
 */
public final class RedisOutage {
    /** How long after a failure, with no answer since, reads fail without trying. */
    public static final long PAUSE_MILLIS = 250;
    private static final ConcurrentMap<String, RedisOutage> BY_ADDRESS = new ConcurrentHashMap<>();

    private volatile boolean failing;
    private volatile long failedAtNanos;
    private volatile String cause;

    private RedisOutage() {
    }

    /** The outage record of the server at {@code address} ({@code host:port}). */
    public static RedisOutage of(String address) {
        return BY_ADDRESS.computeIfAbsent(address, a -> new RedisOutage());
    }

    /** Records that a call got no answer, and why. */
    public void failed(String why) {
        cause = why;
        failedAtNanos = System.nanoTime();
        failing = true;
    }

    /** Records that a call was answered: the pause, if any, ends. */
    public void answered() {
        if (failing) {
            failing = false;
        }
    }

    /**
     * The milliseconds since the last failure when it came less than {@link #PAUSE_MILLIS} ago and no call was
     * answered since (reads should fail without trying), else -1.
     */
    public long pausedSinceMillis() {
        if (!failing) {
            return -1;
        }
        long ago = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAtNanos);
        return ago < PAUSE_MILLIS ? ago : -1;
    }

    /** Why the last failure happened. */
    public String cause() {
        return cause;
    }
}
