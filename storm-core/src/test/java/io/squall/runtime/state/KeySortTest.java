package io.squall.runtime.state;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class KeySortTest {
    /** Spreads the first {@code n} of {@code src} and checks the result against a comparison sort. */
    private static int[] spreadsAsArraysSortSorts(long[] src, int n, int[] table) {
        long[] before = src.clone();
        long[] dst = new long[n];
        int[] used = KeySort.spread(src, n, dst, table);
        long[] expected = Arrays.copyOf(src, n);
        Arrays.sort(expected);
        assertArrayEquals(expected, dst, "n = " + n);
        assertArrayEquals(before, src, "the source is left as it was");
        return used;
    }

    @Test
    void spreadsHashesOfEverySizeInOrder() {
        SplittableRandom random = new SplittableRandom(12);
        int[] table = null;
        for (int n : new int[] {0, 1, 2, 255, 256, 257, 1_000, 4_097, 65_536, 300_000}) {
            long[] keys = new long[n + 3]; // Longer than n: the tail is not the caller's.
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ReplayKeys.base(random.nextLong());
            }
            table = spreadsAsArraysSortSorts(keys, n, table);
        }
    }

    @Test
    void keepsRepeatedKeysAndNegativeOnesInSignedOrder() {
        SplittableRandom random = new SplittableRandom(3);
        long[] keys = new long[5_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 7 == 0 ? Long.MIN_VALUE : i % 11 == 0 ? Long.MAX_VALUE : i % 5 == 0 ? -2 : random.nextLong();
        }
        keys[17] = keys[18] = keys[19] = 42;
        spreadsAsArraysSortSorts(keys, keys.length, null);
    }

    @Test
    void sortsKeysThatShareTheirTopBits() {
        // Not hashes: every key in one bucket, which then is sorted by comparison, not by insertion.
        SplittableRandom random = new SplittableRandom(5);
        long[] keys = new long[20_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong(1 << 20);
        }
        spreadsAsArraysSortSorts(keys, keys.length, new int[3]);
        long[] descending = new long[10_000];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = (descending.length - i) * 0x1000_0000_0000L;
        }
        spreadsAsArraysSortSorts(descending, descending.length, null);
    }
}
