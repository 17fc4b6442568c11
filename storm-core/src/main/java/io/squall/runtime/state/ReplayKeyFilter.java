package io.squall.runtime.state;

import java.util.Arrays;
import java.util.List;

/**
 * A split-block Bloom filter over replay keys ({@link ReplayKeys#base}: 64-bit hashes with the lowest bit clear),
 * which an {@link AppliedLog} asks before anything else: a key it never took is answered "no" from one block of 8
 * {@code long}s (one cache line), where an exact set of the log's keys (tens of bytes per key, hundreds of megabytes
 * for a busy task's retention) costs a miss in memory for every tuple. A key taken is always answered "maybe"; other
 * keys are about once in 1,500 look-ups when the filter is full (16 bits per key: one bit set in each of a block's 8
 * words), far less often below that.
 * Keys cannot be removed: the log starts it again ({@link #clear}) when its keys are mostly forgotten or more than it
 * was sized for. Executor thread only.
 */
final class ReplayKeyFilter {
    /** Bits per key at {@link #capacity}; twice that just after a resize to twice the live keys. */
    static final int BITS_PER_KEY = 16;
    private static final int WORDS_PER_BLOCK = 8;
    private static final int MIN_BLOCKS = 8;
    /** 256 MB: past that many keys the filter answers "maybe" more often, which costs time, not exactness. */
    private static final int MAX_BLOCKS = 1 << 22;
    /** Odd, with well mixed bits: spreads a key's bits over the word positions. */
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private long[] words;
    private int blockMask;
    /** 64 less the bits of a block's number, which are a key's top bits. */
    private int blockShift;
    private int capacity;
    private int size;

    /** A filter sized for {@code capacity} keys. */
    ReplayKeyFilter(int capacity) {
        clear(capacity);
    }

    /** Empties the filter, sized for {@code capacity} keys (at least a few blocks' worth). */
    void clear(int capacity) {
        long blocks = Long.highestOneBit(Math.max(MIN_BLOCKS, (long) capacity * BITS_PER_KEY / 512 * 2 - 1));
        blocks = Math.min(blocks, MAX_BLOCKS);
        if (words == null || words.length != blocks * WORDS_PER_BLOCK) {
            words = new long[(int) blocks * WORDS_PER_BLOCK];
        } else {
            Arrays.fill(words, 0L);
        }
        blockMask = (int) blocks - 1;
        blockShift = 64 - Long.numberOfTrailingZeros(blocks);
        this.capacity = (int) Math.min(Integer.MAX_VALUE, blocks * 512 / BITS_PER_KEY);
        size = 0;
    }

    /**
     * The capacity to {@link #clear} a filter to for {@code liveKeys}: twice as many (at least 1,024), so that as many
     * keys again can be added before it is made again (a key is added about twice in its life).
     */
    static int capacityFor(long liveKeys) {
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1024, liveKeys)) * 2;
    }

    /**
     * Adds {@code key}. A key whose bits were all set already (added before, or a false "maybe") is not counted in
     * {@link #size}: it adds no load, and the logs of a task's key groups add the same key once per group.
     */
    void add(long key) {
        int b = block(key);
        long h = key * MULTIPLIER;
        long added = 0;
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            long bit = 1L << (h >>> (16 + 6 * i)); // Bits 16 to 63 of h, 6 per word: its low bits mix least.
            added |= ~words[b + i] & bit;
            words[b + i] |= bit;
        }
        if (added != 0) {
            size++;
        }
    }

    /**
     * Adds the keys of {@code sorted}, arrays each in ascending order, a slice of the key space at a time across all
     * arrays: a key's block comes from its top bits, so each slice's writes stay within one part of the table and the
     * cache, where adding the arrays one after the other swept the whole table once per array.
     */
    void addAll(List<long[]> sorted) {
        int[] at = new int[sorted.size()];
        for (int slice = -128; slice < 128; slice++) { // The top 8 bits, in the signed order of the keys.
            for (int a = 0; a < at.length; a++) {
                long[] keys = sorted.get(a);
                int i = at[a];
                while (i < keys.length && keys[i] >> 56 == slice) {
                    add(keys[i++]);
                }
                at[a] = i;
            }
        }
        for (int a = 0; a < at.length; a++) {
            if (at[a] < sorted.get(a).length) { // Not in order after all: add every key (adding again is harmless).
                for (long key : sorted.get(a)) {
                    add(key);
                }
            }
        }
    }

    /**
     * Adds {@code sorted[0, n)}, in ascending order (repeats allowed): their blocks come in the table's order, one
     * sweep of it.
     */
    void addSorted(long[] sorted, int n) {
        for (int i = 0; i < n; i++) {
            add(sorted[i]);
        }
    }

    /** False when {@code key} was never added since the last {@link #clear}; true when it was, and rarely else. */
    boolean mightContain(long key) {
        int b = block(key);
        long h = key * MULTIPLIER;
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            if ((words[b + i] & 1L << (h >>> (16 + 6 * i))) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A key's block is its top bits, so keys in ascending order write the table's blocks in ascending order too (the
     * negative keys' half after the others): a sorted checkpoint's adds are one sweep of the table, not one per value
     * of the bits above the block's, and the hardware prefetches ahead of them.
     */
    private int block(long key) {
        return (int) (key >>> blockShift) * WORDS_PER_BLOCK;
    }

    /** Keys added since the last clear that set a bit (repeats not counted). */
    int size() {
        return size;
    }

    /**
     * Whether {@code keys} more keys keep the filter within what it was sized for (past it, its false "maybe"s grow
     * quickly), or it is as large as it gets.
     */
    boolean hasRoomFor(long keys) {
        return size + keys <= capacity || blockMask + 1 >= MAX_BLOCKS;
    }

    /** Bytes of the filter's table. */
    long bytes() {
        return (long) words.length * Long.BYTES;
    }
}
