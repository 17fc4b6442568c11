package io.squall.metrics.aggregate;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums of counter differences over one {@link Window}: a ring of buckets, each covering
 * {@code bucketSecs}, so memory is fixed whatever the rate or the run time. A bucket is cleared when time
 * comes back to its slot. Not thread-safe; the aggregator's lock guards it.
 */
final class RollingSum {
    private final Window window;
    private final long[][] sums;
    private final long[] bucketIndex;
    private final Map<String, Long>[] failedBy;

    @SuppressWarnings("unchecked")
    RollingSum(Window window, int fields) {
        this.window = window;
        int n = window.buckets();
        sums = new long[n][fields];
        bucketIndex = new long[n];
        Arrays.fill(bucketIndex, -1);
        @SuppressWarnings("unchecked") // A generic array of maps, each made when a bucket first counts a failure.
        Map<String, Long>[] maps = (Map<String, Long>[]) new Map<?, ?>[n];
        failedBy = maps;
    }

    private long indexAt(long timeMillis) {
        return window.bucketSecs() == 0 ? 0 : timeMillis / 1000 / window.bucketSecs();
    }

    /** Adds differences observed at {@code timeMillis}. */
    void add(long timeMillis, long[] delta, Map<String, Long> failedByDelta) {
        long idx = indexAt(timeMillis);
        int slot = (int) (idx % sums.length);
        if (bucketIndex[slot] != idx) {
            bucketIndex[slot] = idx;
            Arrays.fill(sums[slot], 0);
            failedBy[slot] = null;
        }
        for (int i = 0; i < delta.length; i++) {
            sums[slot][i] += delta[i];
        }
        if (!failedByDelta.isEmpty()) {
            if (failedBy[slot] == null) {
                failedBy[slot] = new TreeMap<>();
            }
            failedByDelta.forEach((k, v) -> failedBy[slot].merge(k, v, Long::sum));
        }
    }

    /** The sums over the buckets still in the window at {@code nowMillis}. */
    long[] sum(long nowMillis) {
        long now = indexAt(nowMillis);
        long[] out = new long[sums[0].length];
        for (int s = 0; s < sums.length; s++) {
            if (live(s, now)) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += sums[s][i];
                }
            }
        }
        return out;
    }

    /** Spout trees failed in the window, by failing component. */
    Map<String, Long> failedBy(long nowMillis) {
        long now = indexAt(nowMillis);
        Map<String, Long> out = new TreeMap<>();
        for (int s = 0; s < sums.length; s++) {
            if (live(s, now) && failedBy[s] != null) {
                failedBy[s].forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        return out;
    }

    private boolean live(int slot, long nowIndex) {
        return bucketIndex[slot] >= 0 && bucketIndex[slot] > nowIndex - sums.length && bucketIndex[slot] <= nowIndex;
    }
}
