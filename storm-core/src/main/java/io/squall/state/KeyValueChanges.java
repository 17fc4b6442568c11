package io.squall.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The changes of a {@link KeyValueState} since its last commit, in two layers: those staged by
 * {@code prepareCommit(txid)} and those made after it. A backend keeps its committed data and asks this for
 * what is newer; that is what makes a checkpoint incremental (only the changed keys are written). A deleted
 * key is kept as a tombstone until its commit. Owned by the thread of the task that owns the state.
 *
 * <p>Each key changed recently has one cell, in one map, holding both layers' values; the cell outlives the commit
 * of its change and is dropped only once its key went unused for a whole checkpoint interval. So a key updated in
 * every interval (a word count's words) keeps the key object it was first put with, which the collector soon
 * promotes next to the map's nodes, rather than a new interval's first tuple's copy in a new map each checkpoint,
 * which every look-up of the interval then compared from wherever the young generation had put it. The per-tuple
 * path is one hash look-up ({@link #newest}), and a put of the key object the last read found (a bolt's
 * {@code put(k, get(k) + 1)}) writes its cell in place, without a second. Made with {@code cacheCommitted}, a cell
 * also keeps its key's committed value once read or committed, so that a read needs no look-up in the backend: for
 * a backend that keeps its committed values as the same objects ({@link InMemoryKeyValueState}), not for one that
 * deserializes a copy per read, whose callers may change the copy they got. Such a backend's cells still keep a
 * committed value that no caller can change (a boxed primitive or a {@code String}, the counts of a keyed count) and
 * a key's absence: the object kept equals the copy the backend would give, and a read of a counted key then costs
 * no deserialization each checkpoint interval.
 */
public final class KeyValueChanges<K, V> {
    /** Marks a deleted key. */
    private static final Object TOMBSTONE = new Object();
    /** Marks a layer that holds no value for the key (or an unknown committed value). */
    private static final Object NONE = new Object();
    /** How many cells are kept without looking for unused ones at a commit. */
    private static final int SWEEP_ABOVE = 64;

    private final boolean cacheCommitted;
    private final Map<K, Cell<K>> cells = new HashMap<>();
    /** The cells changed since the last prepare. */
    private final List<Cell<K>> changed = new ArrayList<>();
    /** The cells staged by the prepares since the last commit. */
    private final List<Cell<K>> staged = new ArrayList<>();
    private long preparedTxid = -1;
    /** Counts prepares: a cell remembers the interval it was last used in. */
    private int interval;
    /** The key last read or written (compared by identity) and its cell; or null. */
    private K lastKey;
    private Cell<K> lastCell;

    /** One key's newest change, its staged change and (when cached) its committed value: {@link #NONE} for none. */
    private static final class Cell<K> {
        private final K key;
        private Object current = NONE;
        private Object staged = NONE;
        private Object committed = NONE;
        private int used;

        Cell(K key) {
            this.key = key;
        }
    }

    /** Changes over a backend whose committed values are read from it each time. */
    public KeyValueChanges() {
        this(false);
    }

    /**
     * Changes that also keep the committed value of a key once read or committed when {@code cacheCommitted}: only
     * for a backend whose committed values change through this object alone and are the objects it was given.
     */
    public KeyValueChanges(boolean cacheCommitted) {
        this.cacheCommitted = cacheCommitted;
    }

    /**
     * The newest value of {@code key}: its changed value (null when deleted) if it changed since the commit, else
     * what {@code committed} gives (or the committed value kept). One look-up of the changes.
     */
    @SuppressWarnings("unchecked")
    public V newest(K key, Function<? super K, ? extends V> committed) {
        Cell<K> c = key == lastKey && key != null ? lastCell : cells.get(key);
        if (c == null) {
            return committed.apply(key);
        }
        lastKey = key;
        lastCell = c;
        c.used = interval;
        Object v = c.current != NONE ? c.current : c.staged != NONE ? c.staged : c.committed;
        if (v == NONE) {
            V read = committed.apply(key);
            if (keeps(read)) {
                c.committed = read == null ? TOMBSTONE : read;
            }
            return read;
        }
        return v == TOMBSTONE ? null : (V) v;
    }

    /**
     * Whether a cell may keep {@code value} as its key's committed value: any value when {@link #cacheCommitted}, else
     * none (a deletion or an absent key: null or the tombstone) and values of final classes that cannot change.
     */
    private boolean keeps(Object value) {
        if (cacheCommitted || value == null || value == TOMBSTONE) {
            return true;
        }
        Class<?> c = value.getClass();
        return c == Long.class || c == Integer.class || c == String.class || c == Double.class || c == Boolean.class
                || c == Short.class || c == Byte.class || c == Character.class || c == Float.class;
    }

    /** Whether {@code key} changed since the commit; then {@link #get} is its value (null: deleted). */
    public boolean contains(K key) {
        Cell<K> c = cells.get(key);
        return c != null && (c.current != NONE || c.staged != NONE);
    }

    /** The newest value of a changed key, or null when it was deleted or did not change. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Cell<K> c = cells.get(key);
        if (c == null) {
            return null;
        }
        Object v = c.current != NONE ? c.current : c.staged;
        return v == NONE || v == TOMBSTONE ? null : (V) v;
    }

    /** Records a new value (not null: a deletion is {@link #delete}). */
    public void put(K key, V value) {
        record(key, Objects.requireNonNull(value, "value (use delete to remove a key)"));
    }

    /** Records a deletion. */
    public void delete(K key) {
        record(key, TOMBSTONE);
    }

    private void record(K key, Object value) {
        Cell<K> c;
        if (key == lastKey && key != null) {
            c = lastCell; // Read or written last: no look-up.
        } else {
            c = cells.get(key);
            if (c == null) {
                c = new Cell<>(key);
                cells.put(key, c);
            }
            lastKey = key;
            lastCell = c;
        }
        if (c.current == NONE) {
            changed.add(c);
        }
        c.current = value;
        c.used = interval;
    }

    /** Stages the current changes (over any staged before) under {@code txid}; returns how many keys are staged. */
    public int prepare(long txid) {
        for (Cell<K> c : changed) {
            if (c.staged == NONE) {
                staged.add(c);
            }
            c.staged = c.current;
            c.current = NONE;
        }
        changed.clear();
        preparedTxid = txid;
        interval++;
        return staged.size();
    }

    /** Calls {@code action} with each staged change, in no order: a null value is a deletion. */
    @SuppressWarnings("unchecked")
    public void forEachStaged(BiConsumer<? super K, ? super V> action) {
        for (Cell<K> c : staged) {
            action.accept(c.key, c.staged == TOMBSTONE ? null : (V) c.staged);
        }
    }

    /** The staged changes, with null values for deletions; empty when nothing is staged. */
    public Map<K, V> staged() {
        Map<K, V> out = new HashMap<>();
        forEachStaged(out::put);
        return out;
    }

    /** The transaction id the staged changes were prepared under, or -1. */
    public long preparedTxid() {
        return preparedTxid;
    }

    /**
     * Forgets the staged changes once they are committed (their values become the keys' committed values), and the
     * cells of keys unused for a checkpoint interval.
     */
    public void clearPrepared() {
        for (Cell<K> c : staged) {
            c.committed = keeps(c.staged) ? c.staged : NONE;
            c.staged = NONE;
        }
        staged.clear();
        preparedTxid = -1;
        if (cells.size() > SWEEP_ABOVE) {
            int stale = interval - 1;
            cells.values().removeIf(c -> c.used < stale && c.current == NONE);
            if (lastCell != null && lastCell.used < stale && lastCell.current == NONE) {
                forgetLast();
            }
        }
    }

    private void forgetLast() {
        lastKey = null;
        lastCell = null;
    }

    /** Forgets every change, and every committed value kept: the state is back at its commit. */
    public void clear() {
        forgetLast();
        cells.clear();
        changed.clear();
        staged.clear();
        preparedTxid = -1;
    }

    /** How many keys changed since the commit (staged or not). */
    public int size() {
        int n = staged.size();
        for (Cell<K> c : changed) {
            if (c.staged == NONE) {
                n++;
            }
        }
        return n;
    }

    /**
     * The committed entries overlaid with the changes: what a reader of the state sees now.
     *
     * @param committed the backend's committed entries
     */
    @SuppressWarnings("unchecked")
    public Map<K, V> overlay(Iterator<Map.Entry<K, V>> committed) {
        Map<K, Object> view = new HashMap<>();
        committed.forEachRemaining(e -> view.put(e.getKey(), e.getValue()));
        for (Cell<K> c : staged) {
            view.put(c.key, c.staged);
        }
        for (Cell<K> c : changed) {
            view.put(c.key, c.current);
        }
        Map<K, V> out = new HashMap<>();
        for (Map.Entry<K, Object> e : view.entrySet()) {
            if (e.getValue() != TOMBSTONE) {
                out.put(e.getKey(), (V) e.getValue());
            }
        }
        return out;
    }
}
