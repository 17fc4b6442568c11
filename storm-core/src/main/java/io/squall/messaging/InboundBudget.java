package io.squall.messaging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory every incoming connection of a server together may hold in frames that have not fully arrived.
 * A connection reserves a frame's whole length when its header arrives and the frame does not, and releases
 * it when the frame is complete or the connection closes, so that slow peers each holding part of a large
 * frame cannot together exhaust the worker's memory. Thread-safe.
 */
public final class InboundBudget {
    private final long limitBytes;
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** A budget of {@code limitBytes}. */
    public InboundBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("An inbound budget must be positive, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /**
     * Reserves {@code bytes} if that keeps the total within the limit; otherwise counts a refusal.
     *
     * @return whether the bytes were reserved
     */
    public boolean tryReserve(long bytes) {
        while (true) {
            long used = usedBytes.get();
            if (used + bytes > limitBytes) {
                refused.incrementAndGet();
                return false;
            }
            if (usedBytes.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    /** Returns bytes reserved by {@link #tryReserve}. */
    public void release(long bytes) {
        usedBytes.addAndGet(-bytes);
    }

    /** Bytes reserved now. */
    public long usedBytes() {
        return usedBytes.get();
    }

    /** The limit. */
    public long limitBytes() {
        return limitBytes;
    }

    /** How many reservations were refused so far. */
    public long refused() {
        return refused.get();
    }
}
