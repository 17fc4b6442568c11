package io.squall.state;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The cells of {@link KeyValueChanges} by key, in one array: open addressing with linear probing, at most half full,
 * each cell holding its key and the key's hash. A look-up reads the slot, then the cell, where a {@code HashMap} of
 * cells reads the slot, its node and then the cell: one dependent load less on the per-tuple path, and a cell whose
 * hash differs is passed without comparing keys. Not thread-safe: owned by the thread that owns the changes.
 *
 * @param <C> the cells, which give their key and hash through {@link Keyed}
 */
final class CellTable<C extends CellTable.Keyed> {
    /** What the table needs of a cell: its key (may be null) and that key's hash as {@link #hash} computes it. */
    interface Keyed {
        Object key();

        int hash();
    }

    private static final int MIN_LENGTH = 16;

    private Keyed[] slots = new Keyed[MIN_LENGTH];
    /** 32 minus log2 of the length: a hash times the golden ratio, shifted by this, is the home slot. */
    private int shift = 32 - Integer.numberOfTrailingZeros(MIN_LENGTH);
    private int size;

    /** The hash a cell of {@code key} must give: the key's own (0 for null). */
    static int hash(Object key) {
        return key == null ? 0 : key.hashCode();
    }

    /** The home slot of a hash: Fibonacci hashing spreads keys whose hashes differ only in their high bits. */
    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    /** The cell of {@code key}, whose {@link #hash} is {@code hash}, or null. */
    @SuppressWarnings("unchecked")
    C get(Object key, int hash) {
        Keyed[] s = slots;
        int mask = s.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            Keyed c = s[i];
            if (c == null) {
                return null;
            }
            if (c.hash() == hash) {
                Object k = c.key();
                if (k == key || (key != null && key.equals(k))) {
                    return (C) c;
                }
            }
        }
    }

    /** Adds a cell whose key the table does not hold. */
    void add(C cell) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        place(slots, cell);
        size++;
    }

    private void place(Keyed[] s, Keyed cell) {
        int mask = s.length - 1;
        int i = home(cell.hash());
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = cell;
    }

    private void grow() {
        Keyed[] old = slots;
        slots = new Keyed[old.length * 2];
        shift--;
        for (Keyed c : old) {
            if (c != null) {
                place(slots, c);
            }
        }
    }

    /** How many cells the table holds. */
    int size() {
        return size;
    }

    /** Removes every cell. */
    void clear() {
        Arrays.fill(slots, null);
        size = 0;
    }

    /**
     * Removes the cells {@code stale} accepts, each by shifting back the cells of its probe run behind it (no
     * tombstones, so a look-up's probe stays as short as the cells in the table make it).
     */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<? super C> stale) {
        Keyed[] s = slots;
        for (int i = 0; i < s.length; ) {
            Keyed c = s[i];
            if (c != null && stale.test((C) c)) {
                // A cell shifted into slot i comes from later in its run and is tested again here; one shifted from
                // the table's start (a run that wraps around) was tested already.
                removeAt(s, i);
                size--;
            } else {
                i++;
            }
        }
    }

    /** Empties slot {@code hole}, then moves back each later cell of the run whose home does not lie after the hole. */
    private void removeAt(Keyed[] s, int hole) {
        int mask = s.length - 1;
        s[hole] = null;
        for (int j = (hole + 1) & mask; s[j] != null; j = (j + 1) & mask) {
            int h = home(s[j].hash());
            // The cell at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeAfterHole = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!homeAfterHole) {
                s[hole] = s[j];
                s[j] = null;
                hole = j;
            }
        }
    }
}
