package io.squall.utils;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for tests on simulated time. Both readings advance together:
 * {@link #nanoTime()} starts at 0 and {@link #currentTimeMillis()} at the epoch milliseconds given.
 * Thread-safe: readers on executor threads see every advance made before their read.
 */
public final class ManualClock implements Clock {
    private final long startMillis;
    private final AtomicLong nanos = new AtomicLong();

    /** A clock whose wall time starts at {@code startMillis} (epoch milliseconds). */
    public ManualClock(long startMillis) {
        this.startMillis = startMillis;
    }

    /** A clock whose wall time starts at 0, the epoch. */
    public ManualClock() {
        this(0);
    }

    /** Moves the clock forward. */
    public void advance(Duration by) {
        advanceNanos(by.toNanos());
    }

    /** Moves the clock forward by {@code ms} milliseconds. */
    public void advanceMillis(long ms) {
        advanceNanos(ms * 1_000_000L);
    }

    /** Moves the clock forward by {@code delta} nanoseconds. */
    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("A clock cannot go back: advance by " + delta + " ns");
        }
        nanos.addAndGet(delta);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return startMillis + nanos.get() / 1_000_000L;
    }

    @Override
    public String toString() {
        return "ManualClock[" + currentTimeMillis() + " ms]";
    }
}
