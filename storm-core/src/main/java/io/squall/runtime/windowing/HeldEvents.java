package io.squall.runtime.windowing;

import java.util.Arrays;

/**
 * The events a {@link WindowEngine} holds, in timestamp order: each event's value, timestamp and "seen" flag in
 * chunks of parallel arrays (an {@code Object[]}, a {@code long[]} and a bit set of {@value #CHUNK} events each)
 * instead of an object per event. An event costs a reference, a primitive timestamp and a bit, and nothing is
 * allocated per event; the oldest events are dropped a whole chunk at a time ({@link #dropFirst}) without moving the
 * others, and no array grows past one chunk, so a window of millions of events never asks the collector for one
 * huge array. Indices run from 0 (the oldest event still kept) to {@link #size()}. Not thread-safe: the engine's
 * owner thread only.
 *
 * @param <T> the event type
 */
final class HeldEvents<T> {
    private static final int SHIFT = 12;
    /** Events per chunk: 16 KB of references and 32 KB of timestamps, well below a G1 region. */
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private Object[][] values = new Object[4][];
    private long[][] times = new long[4][];
    private long[][] seen = new long[4][];
    private int chunks;
    /** Where index 0 is in the first chunk. */
    private int offset;
    private int size;

    /** Events kept, from index 0. */
    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T value(int i) {
        int at = offset + i;
        return (T) values[at >>> SHIFT][at & MASK];
    }

    long ts(int i) {
        int at = offset + i;
        return times[at >>> SHIFT][at & MASK];
    }

    boolean seen(int i) {
        int at = offset + i;
        return (seen[at >>> SHIFT][(at & MASK) >>> 6] & 1L << at) != 0;
    }

    void setSeen(int i, boolean flag) {
        int at = offset + i;
        long[] bits = seen[at >>> SHIFT];
        int word = (at & MASK) >>> 6;
        bits[word] = flag ? bits[word] | 1L << at : bits[word] & ~(1L << at);
    }

    /** Lets the event at {@code i} go (for the collector); its timestamp and flag stay. */
    void clearValue(int i) {
        int at = offset + i;
        values[at >>> SHIFT][at & MASK] = null;
    }

    /** Appends an event, not seen. */
    void add(T value, long ts) {
        int at = offset + size;
        if (at >>> SHIFT == chunks) {
            newChunk();
        }
        values[at >>> SHIFT][at & MASK] = value;
        times[at >>> SHIFT][at & MASK] = ts;
        size++;
        setSeen(size - 1, false);
    }

    /** Inserts an event, not seen, at {@code index}, moving the events from there one up. */
    void insert(int index, T value, long ts) {
        if (index == size) {
            add(value, ts);
            return;
        }
        add(value(size - 1), ts(size - 1));
        boolean lastSeen = seen(size - 2);
        setSeen(size - 1, lastSeen);
        for (int i = size - 2; i > index; i--) {
            int at = offset + i;
            int from = at - 1;
            values[at >>> SHIFT][at & MASK] = values[from >>> SHIFT][from & MASK];
            times[at >>> SHIFT][at & MASK] = times[from >>> SHIFT][from & MASK];
            setSeen(i, seen(i - 1));
        }
        int at = offset + index;
        values[at >>> SHIFT][at & MASK] = value;
        times[at >>> SHIFT][at & MASK] = ts;
        setSeen(index, false);
    }

    /** Appends the values of {@code [from, to)} to {@code dest}, chunk by chunk. */
    void appendValues(int from, int to, ChunkedList<?> dest) {
        int at = offset + from;
        int end = offset + to;
        while (at < end) {
            int n = Math.min(end - at, CHUNK - (at & MASK));
            dest.append(values[at >>> SHIFT], at & MASK, n);
            at += n;
        }
    }

    /** The index after the last event at or before {@code ts}, searching {@code [from, size)}. */
    int upperBound(int from, long ts) {
        int lo = from;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts(mid) <= ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Forgets the first {@code n} events (their values must be cleared already or no longer needed): index
     * {@code n} becomes 0. Whole chunks before it are dropped; nothing is moved.
     */
    void dropFirst(int n) {
        if (n <= 0) {
            return;
        }
        size -= n;
        offset += n;
        int whole = offset >>> SHIFT;
        if (size == 0) {
            whole = chunks; // Nothing left: drop every chunk, start again at the beginning of a fresh one.
            offset = 0;
        } else {
            offset &= MASK;
        }
        if (whole > 0) {
            System.arraycopy(values, whole, values, 0, chunks - whole);
            System.arraycopy(times, whole, times, 0, chunks - whole);
            System.arraycopy(seen, whole, seen, 0, chunks - whole);
            Arrays.fill(values, chunks - whole, chunks, null);
            Arrays.fill(times, chunks - whole, chunks, null);
            Arrays.fill(seen, chunks - whole, chunks, null);
            chunks -= whole;
        }
    }

    /** Forgets every event. */
    void clear() {
        dropFirst(size);
    }

    private void newChunk() {
        if (chunks == values.length) {
            values = Arrays.copyOf(values, chunks * 2);
            times = Arrays.copyOf(times, chunks * 2);
            seen = Arrays.copyOf(seen, chunks * 2);
        }
        values[chunks] = new Object[CHUNK];
        times[chunks] = new long[CHUNK];
        seen[chunks] = new long[CHUNK / 64];
        chunks++;
    }
}
