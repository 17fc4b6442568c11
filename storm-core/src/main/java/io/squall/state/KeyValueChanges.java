package io.squall.state;

import java.util.HashMap;
import java.util.Iterator;
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
 * <p>The per-tuple path ({@link #newest}, {@link #put}) is one or two hash look-ups and allocates nothing beyond
 * the map's own entries; staging and committing walk the changed keys in place, and the map of a committed stage
 * is cleared and reused for the next interval's changes rather than grown again from empty.
 */
public final class KeyValueChanges<K, V> {
    /** Marks a deleted key. */
    private static final Object TOMBSTONE = new Object();

    private Map<K, Object> current = new HashMap<>();
    private Map<K, Object> prepared;
    /** An empty map with the capacity of an earlier stage, to take the next changes; or null. */
    private Map<K, Object> spare;
    private long preparedTxid = -1;

    /**
     * The newest value of {@code key}: its changed value (null when deleted) if it changed since the commit, else
     * what {@code committed} gives. One look-up per layer, the newest first.
     */
    @SuppressWarnings("unchecked")
    public V newest(K key, Function<? super K, ? extends V> committed) {
        Object v = current.get(key);
        if (v == null && prepared != null) {
            v = prepared.get(key);
        }
        if (v == null) {
            return committed.apply(key);
        }
        return v == TOMBSTONE ? null : (V) v;
    }

    /** Whether {@code key} changed since the commit; then {@link #get} is its value (null: deleted). */
    public boolean contains(K key) {
        return current.containsKey(key) || prepared != null && prepared.containsKey(key);
    }

    /** The newest value of a changed key, or null when it was deleted. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object v = current.containsKey(key) ? current.get(key) : prepared == null ? null : prepared.get(key);
        return v == TOMBSTONE ? null : (V) v;
    }

    /** Records a new value (not null: a deletion is {@link #delete}). */
    public void put(K key, V value) {
        current.put(key, Objects.requireNonNull(value, "value (use delete to remove a key)"));
    }

    /** Records a deletion. */
    public void delete(K key) {
        current.put(key, TOMBSTONE);
    }

    /** Stages the current changes (over any staged before) under {@code txid}; returns how many keys are staged. */
    public int prepare(long txid) {
        if (prepared == null) {
            prepared = current;
            current = spare != null ? spare : new HashMap<>();
            spare = null;
        } else {
            prepared.putAll(current);
            current.clear();
        }
        preparedTxid = txid;
        return prepared.size();
    }

    /** Calls {@code action} with each staged change, in no order: a null value is a deletion. */
    @SuppressWarnings("unchecked")
    public void forEachStaged(BiConsumer<? super K, ? super V> action) {
        if (prepared != null) {
            prepared.forEach((k, v) -> action.accept(k, v == TOMBSTONE ? null : (V) v));
        }
    }

    /** The staged changes, with null values for deletions; empty when nothing is staged. */
    @SuppressWarnings("unchecked")
    public Map<K, V> staged() {
        Map<K, V> out = new HashMap<>();
        if (prepared != null) {
            for (Map.Entry<K, Object> e : prepared.entrySet()) {
                out.put(e.getKey(), e.getValue() == TOMBSTONE ? null : (V) e.getValue());
            }
        }
        return out;
    }

    /** The transaction id the staged changes were prepared under, or -1. */
    public long preparedTxid() {
        return preparedTxid;
    }

    /** Forgets the staged changes once they are committed. */
    public void clearPrepared() {
        if (prepared != null) {
            prepared.clear(); // Keeps its table: the next interval changes about as many keys.
            spare = prepared;
        }
        prepared = null;
        preparedTxid = -1;
    }

    /** Forgets every change: the state is back at its commit. */
    public void clear() {
        current.clear();
        clearPrepared();
    }

    /** How many keys changed since the commit (staged or not). */
    public int size() {
        if (prepared == null) {
            return current.size();
        }
        int n = prepared.size();
        for (K k : current.keySet()) {
            if (!prepared.containsKey(k)) {
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
        if (prepared != null) {
            view.putAll(prepared);
        }
        view.putAll(current);
        Map<K, V> out = new HashMap<>();
        for (Map.Entry<K, Object> e : view.entrySet()) {
            if (e.getValue() != TOMBSTONE) {
                out.put(e.getKey(), (V) e.getValue());
            }
        }
        return out;
    }
}
