package io.squall.runtime.state;

import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayKeyFilterTest {
    private static long key(SplittableRandom random) {
        return ReplayKeys.base(random.nextLong());
    }

    @Test
    void answersMaybeForEveryKeyAddedAndRarelyForOthers() {
        SplittableRandom random = new SplittableRandom(7);
        ReplayKeyFilter filter = new ReplayKeyFilter(100_000);
        LongHashSet added = new LongHashSet();
        while (filter.hasRoomFor(1)) {
            long k = key(random);
            filter.add(k);
            added.add(k);
        }
        for (LongHashSet.LongIterator it = added.iterator(); it.hasNext(); ) {
            assertTrue(filter.mightContain(it.nextValue()));
        }
        int falseMaybes = 0;
        int probes = 1_000_000;
        for (int i = 0; i < probes; i++) {
            long k = key(random);
            if (!added.contains(k) && filter.mightContain(k)) {
                falseMaybes++;
            }
        }
        // Full, at 16 bits per key: about 1 in 2,000 (a split-block filter); well under 1 in 500.
        assertTrue(falseMaybes < probes / 500, falseMaybes + " false maybes in " + probes);
    }

    @Test
    void forgetsEverythingWhenClearedAndHasRoomForWhatItWasSizedFor() {
        ReplayKeyFilter filter = new ReplayKeyFilter(10_000);
        assertTrue(filter.hasRoomFor(10_000));
        filter.add(42L << 1);
        assertTrue(filter.mightContain(42L << 1));
        filter.clear(50_000);
        assertFalse(filter.mightContain(42L << 1));
        assertTrue(filter.hasRoomFor(50_000));
        assertFalse(filter.hasRoomFor(1L << 40));
    }

    @Test
    void addsEveryKeyOfSortedArraysAndOfOnesNotInOrder() {
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> arrays = new ArrayList<>();
        for (int a = 0; a < 40; a++) {
            long[] keys = new long[random.nextInt(0, 700)];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = key(random);
            }
            if (a % 10 != 3) {
                Arrays.sort(keys); // Every tenth left in random order.
            }
            arrays.add(keys);
        }
        arrays.add(new long[] {Long.MIN_VALUE, -2, 0, 2, Long.MAX_VALUE - 1}); // The ends of each slice's range.
        ReplayKeyFilter filter = new ReplayKeyFilter(100_000);
        filter.addAll(arrays);
        for (long[] keys : arrays) {
            for (long k : keys) {
                assertTrue(filter.mightContain(k), "key " + k);
            }
        }
    }

    @Test
    void countsAKeyAddedAgainOnce() {
        ReplayKeyFilter filter = new ReplayKeyFilter(10_000);
        filter.add(42L << 1);
        filter.add(42L << 1);
        filter.add(43L << 1);
        assertEquals(2, filter.size());
    }

    @Test
    void keySortOrdersKeysWithTheirCounts() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 23, 24, 25, 100, 5_000}) {
            long[] keys = new long[n];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(3) == 0 ? random.nextInt(8) : random.nextLong();
                counts[i] = (int) (keys[i] * 31 >>> 40); // A function of the key: must move along with it.
            }
            long[] expected = keys.clone();
            Arrays.sort(expected);
            KeySort.sort(keys, counts, 0, n);
            assertArrayEquals(expected, keys);
            for (int i = 0; i < n; i++) {
                assertTrue(counts[i] == (int) (keys[i] * 31 >>> 40));
            }
        }
    }
}
