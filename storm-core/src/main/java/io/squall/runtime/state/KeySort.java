package io.squall.runtime.state;

import java.util.Arrays;

/**
 * Sorts replay keys without boxing. {@link #sort} sorts keys in place with a parallel array of their counts: a
 * quicksort with a median of three pivot, insertion sort for short ranges; replay keys are hashes, so no input order
 * makes it quadratic in practice. {@link #spread} sorts keys alone into another array by their top bits: replay keys
 * are uniform hashes, so one counting pass and one scatter leave a few keys per bucket, each then put in order by
 * insertion; that is linear where a comparison sort of a checkpoint's keys was the largest part of a PREPARE.
 */
final class KeySort {
    private static final int INSERTION = 24;
    /** Below this many keys {@link #spread} copies and sorts by comparison: the bucket table would cost more. */
    private static final int MIN_SPREAD = 256;
    /** A bucket with more keys than this (keys that are not uniform hashes) is sorted by comparison, not insertion. */
    private static final int MAX_INSERTION_BUCKET = 48;
    /** At most 2^16 buckets: a table of 256 kB, reused. */
    private static final int MAX_BUCKET_BITS = 16;

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

    /**
     * Writes {@code src[0, n)} into {@code dst[0, n)} in ascending (signed) order; {@code src} is not changed.
     * Returns the bucket table used, for the caller to pass again as {@code table} (null or too small: a new one).
     */
    static int[] spread(long[] src, int n, long[] dst, int[] table) {
        if (n < MIN_SPREAD) {
            System.arraycopy(src, 0, dst, 0, n);
            Arrays.sort(dst, 0, n);
            return table;
        }
        // About two to four keys a bucket: enough buckets that insertion is short, few enough that the table is small.
        int bits = Math.min(MAX_BUCKET_BITS, 30 - Integer.numberOfLeadingZeros(n));
        int buckets = 1 << bits;
        if (table == null || table.length < buckets + 1) {
            table = new int[Math.max(buckets + 1, table == null ? 0 : table.length)];
        } else {
            Arrays.fill(table, 0, buckets + 1, 0);
        }
        int shift = 64 - bits;
        for (int i = 0; i < n; i++) {
            table[bucket(src[i], shift) + 1]++; // Flipping the sign bit makes signed order the buckets' order.
        }
        for (int b = 1; b <= buckets; b++) {
            table[b] += table[b - 1]; // table[b]: where bucket b starts.
        }
        for (int i = 0; i < n; i++) {
            dst[table[bucket(src[i], shift)]++] = src[i]; // Afterwards table[b]: where bucket b ends.
        }
        int start = 0;
        for (int b = 0; b < buckets; b++) {
            int end = table[b];
            if (end - start > MAX_INSERTION_BUCKET) {
                Arrays.sort(dst, start, end);
            } else if (end - start > 1) {
                insertion(dst, start, end);
            }
            start = end;
        }
        return table;
    }

    private static int bucket(long key, int shift) {
        return (int) ((key ^ Long.MIN_VALUE) >>> shift);
    }

    private static void insertion(long[] keys, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long k = keys[i];
            int j = i - 1;
            while (j >= from && keys[j] > k) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = k;
        }
    }
}
