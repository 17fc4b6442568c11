package io.squall.runtime.windowing;

import io.squall.task.TopologyContext;

import java.util.Map;
import java.util.TreeMap;

/**
 * Late tuples per window for the most recent windows that got any: the task metrics of a windowed bolt (or of a
 * Trident part with windows by event time)
 * {@code late-tuples.window-N.start} and {@code late-tuples.window-N.end} (the window's bounds, epoch ms: it holds
 * the times in {@code (start, end]}) and {@code late-tuples.window-N.count}, N = 1 for the latest window, up to
 * {@link #WINDOWS}; shown with the bolt's other task metrics and as a table on its dashboard page. Older
 * windows drop out (their tuples stay in the bolt's {@code lateTuples} total). Written by the bolt's executor thread,
 * read by the metrics reporter: a reader may see one window's end next to another's count for a moment.
 */
public final class RecentLateWindows {
    static final int WINDOWS = 3;
    private final TreeMap<Long, Long> counts = new TreeMap<>();
    private final long lengthMs;
    private volatile long[][] view = new long[0][];

    /** Registers the metrics of the bolt's task, whose windows are {@code lengthMs} long, with {@code context}. */
    public RecentLateWindows(TopologyContext context, long lengthMs) {
        this.lengthMs = lengthMs;
        for (int i = 0; i < WINDOWS; i++) {
            final int n = i;
            context.registerGauge("late-tuples.window-" + (n + 1) + ".start",
                    () -> cell(n, 2));
            context.registerGauge("late-tuples.window-" + (n + 1) + ".end", () -> cell(n, 0));
            context.registerGauge("late-tuples.window-" + (n + 1) + ".count", () -> cell(n, 1));
        }
    }

    private long cell(int n, int column) {
        long[][] v = view;
        return n < v.length ? v[n][column] : 0;
    }

    /** Counts a late tuple that missed the window ending at {@code windowEnd}. */
    public void record(long windowEnd) {
        counts.merge(windowEnd, 1L, Long::sum);
        while (counts.size() > WINDOWS) {
            counts.pollFirstEntry();
        }
        long[][] v = new long[counts.size()][];
        int i = 0;
        for (Map.Entry<Long, Long> e : counts.descendingMap().entrySet()) {
            v[i++] = new long[] {e.getKey(), e.getValue(), e.getKey() - lengthMs};
        }
        view = v;
    }

    /** Window end to count, latest first. */
    public Map<Long, Long> snapshot() {
        Map<Long, Long> out = new java.util.LinkedHashMap<>();
        for (long[] w : view) {
            out.put(w[0], w[1]);
        }
        return out;
    }
}
