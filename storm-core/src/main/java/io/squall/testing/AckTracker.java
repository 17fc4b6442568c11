package io.squall.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a spout's acks and fails per message id, shared by name across the tasks of an in-process
 * topology (tasks are deserialized copies, so they cannot share a field). Thread-safe.
 */
public final class AckTracker {
    private static final Map<String, AckTracker> TRACKERS = new ConcurrentHashMap<>();

    private final Map<Object, AtomicLong> acks = new ConcurrentHashMap<>();
    private final Map<Object, AtomicLong> fails = new ConcurrentHashMap<>();
    private final AtomicLong totalAcks = new AtomicLong();
    private final AtomicLong totalFails = new AtomicLong();

    private AckTracker() {
    }

    /** The tracker of a name, created on first use. */
    public static AckTracker named(String name) {
        return TRACKERS.computeIfAbsent(name, k -> new AckTracker());
    }

    /** Forgets a tracker. */
    public static void remove(String name) {
        TRACKERS.remove(name);
    }

    void acked(Object id) {
        acks.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        totalAcks.incrementAndGet();
    }

    void failed(Object id) {
        fails.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        totalFails.incrementAndGet();
    }

    /** How many times a message id was acked. */
    public long acks(Object id) {
        AtomicLong n = acks.get(id);
        return n == null ? 0 : n.get();
    }

    /** How many distinct message ids were acked. */
    public int distinctAcked() {
        return acks.size();
    }

    /** Acks in all. */
    public long totalAcks() {
        return totalAcks.get();
    }

    /** Fails in all. */
    public long totalFails() {
        return totalFails.get();
    }
}
