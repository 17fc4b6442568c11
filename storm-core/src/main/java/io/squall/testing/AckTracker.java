package io.squall.testing;

import java.io.Serial;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a spout's acks and fails per message id, shared by name across the tasks of an in-process
 * topology (tasks are deserialized copies, so they cannot share a field: a deserialized tracker resolves
 * to the registered one of its name). Thread-safe. Storm's API ({@code new AckTracker()} as an
 * {@link AckFailDelegate}, {@link #getNumAcks()}) and Squall's ({@link #named}) both work.
 */
public final class AckTracker implements AckFailDelegate {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, AckTracker> TRACKERS = new ConcurrentHashMap<>();

    private final String name;
    private final transient Map<Object, AtomicLong> acks = new ConcurrentHashMap<>();
    private final transient Map<Object, AtomicLong> fails = new ConcurrentHashMap<>();
    private final transient AtomicLong totalAcks = new AtomicLong();
    private final transient AtomicLong totalFails = new AtomicLong();

    /** A new tracker under a random name (Storm's constructor). */
    public AckTracker() {
        this(UUID.randomUUID().toString());
        TRACKERS.put(name, this);
    }

    private AckTracker(String name) {
        this.name = name;
    }

    /** The tracker of a name, created on first use. */
    public static AckTracker named(String name) {
        return TRACKERS.computeIfAbsent(name, AckTracker::new);
    }

    /** Forgets a tracker. */
    public static void remove(String name) {
        TRACKERS.remove(name);
    }

    @Serial
    private Object readResolve() {
        return named(name);
    }

    void acked(Object id) {
        acks.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        totalAcks.incrementAndGet();
    }

    void failed(Object id) {
        fails.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        totalFails.incrementAndGet();
    }

    @Override
    public void ack(Object id) {
        acked(id);
    }

    @Override
    public void fail(Object id) {
        failed(id);
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

    /** Acks in all, as Storm's {@code getNumAcks}. */
    public int getNumAcks() {
        return (int) totalAcks.get();
    }

    /** Sets the ack count back to 0. */
    public void resetNumAcks() {
        totalAcks.set(0);
        acks.clear();
    }
}
