package io.squall.runtime.windowing;

import java.util.Arrays;

/**
 * The event-time watermark of a consumer with several upstream sources (tasks). Each source's events are
 * at most {@code lag} out of order, so once a source has sent time {@code t}, it sends nothing older than
 * {@code t - lag}. The watermark is the time up to which every event has arrived: the minimum over the
 * sources seen so far of their newest time, less the lag, less one. A slow source holds it back; it never
 * goes backwards. Not thread-safe.
 */
public final class WatermarkTracker {
    private static final long NONE = Long.MIN_VALUE;
    private final long lagMs;
    /** Newest time by source id (task ids are small and dense); NONE where a source sent nothing yet. */
    private long[] newestBySource = new long[0];
    private int[] sources = new int[0];
    private long minNewest = NONE;
    private int minSource;
    private long watermark = NONE;

    /** A tracker allowing events {@code lagMs} out of order. */
    public WatermarkTracker(long lagMs) {
        this.lagMs = lagMs;
    }

    /** Records that {@code source} sent an event at {@code ts}. */
    public void observe(int source, long ts) {
        if (source < 0) {
            throw new IllegalArgumentException("A source id must be >= 0, but got " + source);
        }
        if (source >= newestBySource.length) {
            int n = newestBySource.length;
            newestBySource = Arrays.copyOf(newestBySource, Math.max(source + 1, n * 2));
            Arrays.fill(newestBySource, n, newestBySource.length, NONE);
        }
        long old = newestBySource[source];
        if (old != NONE && ts <= old) {
            return;
        }
        if (old == NONE) {
            sources = Arrays.copyOf(sources, sources.length + 1);
            sources[sources.length - 1] = source;
        }
        newestBySource[source] = ts;
        if (old == NONE || source == minSource) {
            recomputeMin();
        }
    }

    private void recomputeMin() {
        long min = Long.MAX_VALUE;
        for (int s : sources) {
            if (newestBySource[s] < min) {
                min = newestBySource[s];
                minSource = s;
            }
        }
        minNewest = min;
    }

    /** Every event up to this time (inclusive) has arrived; {@code Long.MIN_VALUE} before any event. */
    public long watermark() {
        if (minNewest != NONE) {
            long w = minNewest - lagMs - 1;
            if (w > watermark) {
                watermark = w;
            }
        }
        return watermark;
    }

    /** Whether an event at {@code ts} comes after the watermark allows, i.e. is late. */
    public boolean isLate(long ts) {
        return ts <= watermark();
    }
}
