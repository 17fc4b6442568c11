package io.squall.runtime.acker;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Gives each live {@code long} key (a tuple tree's root id) a small, stable slot number and expires keys in
 * bulk, without allocating per key: the owner keeps its per-tree values in its own parallel arrays indexed by
 * slot (grown to {@link #slotCapacity()}), so neither boxed keys nor entry objects are made on the hot path.
 *
 * <p>Expiry works like a rotating map of {@code n} buckets, but a key's bucket is a generation number stored
 * in its slot: {@link #rotate} advances the generation and expires every key stamped {@code n} or more
 * generations ago, so a key lives through {@code n - 1} rotations after it was last put or touched and
 * expires on the {@code n}-th. Rotated every {@code timeout / (n - 1)}, a key expires between {@code timeout}
 * and {@code timeout * n / (n - 1)} after it was last put: no per-key timers. A rotation scans the slots in
 * use, which is cheap at the rate rotations happen (seconds apart).
 *
 * <p>The key-to-slot map is open addressing with linear probing and backward-shift deletion, so it needs no
 * tombstones. Key 0 cannot be stored (root ids are never zero). Single-threaded: owned by one executor.
 */
public final class RotatingIndex {
    private static final int MIN_SLOTS = 16;
    private static final long EMPTY = 0L;

    private final int numBuckets;
    /** Open-addressing table: the key in each position, {@link #EMPTY} if free. */
    private long[] keys;
    /** The slot of the key in each table position. */
    private int[] slotAt;
    private int mask;
    /** 64 minus log2 of the table length: the hash keeps the product's top bits. */
    private int shift;
    /** Per slot: its key (0 when free). */
    private long[] slotKey;
    /** Per slot: the generation it was last put or touched in. */
    private int[] slotGeneration;
    /** Free slots, used as a stack. */
    private int[] free;
    private int freeTop;
    /** Slots below this have been handed out at least once. */
    private int slotsUsed;
    private int size;
    private int generation;

    /** An index whose keys expire on the {@code numBuckets}-th rotation after their last put (at least 2). */
    public RotatingIndex(int numBuckets) {
        if (numBuckets < 2) {
            throw new IllegalArgumentException("RotatingIndex needs at least 2 buckets, got " + numBuckets);
        }
        this.numBuckets = numBuckets;
        keys = new long[MIN_SLOTS * 2];
        slotAt = new int[MIN_SLOTS * 2];
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        slotKey = new long[MIN_SLOTS];
        slotGeneration = new int[MIN_SLOTS];
        free = new int[MIN_SLOTS];
    }

    /**
     * How many slots the index may hand out before it grows again; owners size their value arrays to this.
     * It changes only inside {@link #putNew}.
     */
    public int slotCapacity() {
        return slotKey.length;
    }

    /** The slot of {@code key}, or -1 if it is not present. */
    public int find(long key) {
        int i = positionOf(key);
        return i < 0 ? -1 : slotAt[i];
    }

    /**
     * The table position of {@code key}, or -1 if it is not present: with {@link #slotAtPosition} and
     * {@link #removeAtPosition}, a look-up that may end in a removal probes the table once.
     */
    public int positionOf(long key) {
        if (key == EMPTY) {
            return -1;
        }
        for (int i = position(key); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    /** The slot of the key at table position {@code position}, as returned by {@link #positionOf}. */
    public int slotAtPosition(int position) {
        return slotAt[position];
    }

    /**
     * Removes the key at table position {@code position}, which {@link #positionOf} returned with no put, remove or
     * rotation since, and returns the slot it had (now free, its values stale).
     */
    public int removeAtPosition(int position) {
        int slot = slotAt[position];
        deleteAt(position);
        releaseSlot(slot);
        return slot;
    }

    /**
     * Adds a key known to be absent (a fresh random root id) in the newest generation.
     *
     * @return its slot; the caller must set every value it keeps for the slot
     * @throws IllegalArgumentException for key 0
     */
    public int putNew(long key) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("RotatingIndex cannot hold key 0");
        }
        if ((size + 1) * 2 > keys.length) {
            growTable();
        }
        int slot = takeSlot();
        slotKey[slot] = key;
        slotGeneration[slot] = generation;
        int i = position(key);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        slotAt[i] = slot;
        size++;
        return slot;
    }

    /** Removes {@code key}, returning the slot it had (now free, its values stale) or -1 if absent. */
    public int remove(long key) {
        int i = positionOf(key);
        return i < 0 ? -1 : removeAtPosition(i);
    }

    /** Restarts the expiry of {@code key} (moves it to the newest generation); returns whether it exists. */
    public boolean touch(long key) {
        int slot = find(key);
        if (slot < 0) {
            return false;
        }
        slotGeneration[slot] = generation;
        return true;
    }

    /**
     * Opens a new generation and expires every key put or touched {@code numBuckets} generations ago or
     * earlier: {@code expired} (if not null) gets each expired slot before the slot is freed, while
     * {@link #keyOf} still answers for it.
     */
    public void rotate(IntConsumer expired) {
        generation++;
        int oldest = generation - numBuckets;
        for (int slot = 0; slot < slotsUsed; slot++) {
            long key = slotKey[slot];
            if (key != EMPTY && slotGeneration[slot] - oldest <= 0) {
                if (expired != null) {
                    expired.accept(slot);
                }
                remove(key);
            }
        }
    }

    /** The key held in {@code slot}, or 0 if the slot is free. */
    public long keyOf(int slot) {
        return slotKey[slot];
    }

    /** Number of keys. */
    public int size() {
        return size;
    }

    private int position(long key) {
        // Fibonacci hashing: the high bits of the product mix every bit of the key.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private int takeSlot() {
        if (freeTop > 0) {
            return free[--freeTop];
        }
        if (slotsUsed == slotKey.length) {
            int n = slotKey.length * 2;
            slotKey = Arrays.copyOf(slotKey, n);
            slotGeneration = Arrays.copyOf(slotGeneration, n);
            free = Arrays.copyOf(free, n);
        }
        return slotsUsed++;
    }

    private void releaseSlot(int slot) {
        slotKey[slot] = EMPTY;
        free[freeTop++] = slot;
        size--;
    }

    /** Empties table position {@code i}, shifting back later keys of its probe run so lookups still find them. */
    private void deleteAt(int i) {
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = position(keys[j]);
            // Move keys[j] into the hole unless its home lies cyclically in (hole, j].
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                slotAt[hole] = slotAt[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
    }

    private void growTable() {
        long[] oldKeys = keys;
        int[] oldSlots = slotAt;
        keys = new long[oldKeys.length * 2];
        slotAt = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        shift = 64 - Integer.numberOfTrailingZeros(keys.length);
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != EMPTY) {
                int i = position(k);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                slotAt[i] = oldSlots[j];
            }
        }
    }
}
