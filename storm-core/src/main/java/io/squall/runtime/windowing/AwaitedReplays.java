package io.squall.runtime.windowing;

import java.util.TreeMap;

/**
 * The event times of the tuples a rollback failed out of restored windows, until their replays come back: the
 * windows must not move past the earliest of them, else tuples that came after the rollback (sent before the spout
 * heard of the failures, or while it backed off before a retry) would fire their windows without them and make the
 * replays late. A replay is recognised by its event time (one awaited time per tuple; a newer tuple with the same
 * time stands in for a replay, which at worst lets the watermark pass a replay as early as before the rollback).
 * Tuples a spout never replays stop being awaited at a deadline. Executor thread only.
 */
final class AwaitedReplays {
    /** Awaited event times and how many tuples at each. */
    private final TreeMap<Long, Integer> times = new TreeMap<>();
    private final long deadlineMs;
    private int count;

    /** Awaits the tuples at {@code times} until {@code deadlineMs}. */
    AwaitedReplays(long[] times, int n, long deadlineMs) {
        for (int i = 0; i < n; i++) {
            this.times.merge(times[i], 1, Integer::sum);
        }
        this.count = n;
        this.deadlineMs = deadlineMs;
    }

    /** Awaits one more tuple, at {@code ts}, until the same deadline. */
    void add(long ts) {
        times.merge(ts, 1, Integer::sum);
        count++;
    }

    /** A tuple at {@code ts} arrived: returns whether it was awaited (the hold may have moved). */
    boolean arrived(long ts) {
        Integer n = times.get(ts);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            times.remove(ts);
        } else {
            times.put(ts, n - 1);
        }
        count--;
        return true;
    }

    /** The watermark the windows may move to: just before the earliest awaited time; MAX_VALUE when none is. */
    long holdAt() {
        return times.isEmpty() ? Long.MAX_VALUE : times.firstKey() - 1;
    }

    /** Whether every awaited tuple came. */
    boolean isEmpty() {
        return times.isEmpty();
    }

    /** How many tuples are still awaited. */
    int remaining() {
        return count;
    }

    /** Whether the tuples still awaited are given up at {@code nowMs}. */
    boolean expired(long nowMs) {
        return nowMs >= deadlineMs;
    }
}
