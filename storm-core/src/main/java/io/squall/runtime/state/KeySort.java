package io.squall.runtime.state;

/**
 * Sorts replay keys in place with a parallel array of their counts, without boxing: a quicksort with a median of three
 * pivot, insertion sort for short ranges. Replay keys are hashes, so no input order makes it quadratic in practice.
 */
final class KeySort {
    private static final int INSERTION = 24;

    private KeySort() {
    }

    /** Sorts {@code keys[from, to)} ascending (signed, as {@code Arrays.binarySearch} expects), moving counts along. */
    static void sort(long[] keys, int[] counts, int from, int to) {
        while (to - from > INSERTION) {
            int mid = (from + to) >>> 1;
            long pivot = median(keys[from], keys[mid], keys[to - 1]);
            int i = from;
            int j = to - 1;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(keys, counts, i++, j--);
                }
            }
            // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
            if (j + 1 - from < to - i) {
                sort(keys, counts, from, j + 1);
                from = i;
            } else {
                sort(keys, counts, i, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long k = keys[i];
            int c = counts[i];
            int j = i - 1;
            while (j >= from && keys[j] > k) {
                keys[j + 1] = keys[j];
                counts[j + 1] = counts[j];
                j--;
            }
            keys[j + 1] = k;
            counts[j + 1] = c;
        }
    }

    private static long median(long a, long b, long c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }

    private static void swap(long[] keys, int[] counts, int i, int j) {
        long k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        int c = counts[i];
        counts[i] = counts[j];
        counts[j] = c;
    }
}
