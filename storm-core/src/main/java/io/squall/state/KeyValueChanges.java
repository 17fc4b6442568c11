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
 * <p>The per-tuple path ({@link #newest}, {@link #put}) is one hash look-up per layer read; a put of the key the
 * last read found changed since the prepare (the same key object: a bolt's {@code put(k, get(k) + 1)}) writes its
 * value in place, without a second look-up. Staging and committing walk the changed keys in place, and the map of
 * a committed stage is cleared and reused for the next interval's changes rather than grown again from empty.
 */
public final class KeyValueChanges<K, V> {
    /** Marks a deleted key. */
    private static final Object TOMBSTONE = new Object();

    private Map<K, Change> current = new HashMap<>();
    private Map<K, Change> prepared;
    /** An empty map with the capacity of an earlier stage, to take the next changes; or null. */
    private Map<K, Change> spare;
    private long preparedTxid = -1;
    /** The key last read or written in {@link #current} (compared by identity) and its change; or null. */
    private K lastKey;
    private Change lastChange;

    /** A changed key's newest value (or {@link #TOMBSTONE}), written in place by a put after a read of the key. */
    private static final class Change {
        private Object value;

        Change(Object value) {
            this.value = value;
        }
    }

    /**
     * The newest value of {@code key}: its changed value (null when deleted) if it changed since the commit, else
     * what {@code committed} gives. One look-up per layer, the newest first.
     */
    @SuppressWarnings("unchecked")
    public V newest(K key, Function<? super K, ? extends V> committed) {
        Change c = current.get(key);
        if (c != null) {
            lastKey = key;
            lastChange = c;
        } else if (prepared != null) {
            c = prepared.get(key);
        }
        if (c == null) {
            return committed.apply(key);
        }
        return c.value == TOMBSTONE ? null : (V) c.value;
    }

    /** Whether {@code key} changed since the commit; then {@link #get} is its value (null: deleted). */
    public boolean contains(K key) {
        return current.containsKey(key) || prepared != null && prepared.containsKey(key);
    }

    /** The newest value of a changed key, or null when it was deleted. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Change c = current.get(key);
        if (c == null && prepared != null) {
            c = prepared.get(key);
        }
        return c == null || c.value == TOMBSTONE ? null : (V) c.value;
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
        if (key == lastKey && key != null) {
            lastChange.value = value; // Read or written last, and still in current: no look-up.
            return;
        }
        Change c = new Change(value);
        current.put(key, c);
        lastKey = key;
        lastChange = c;
    }

    /** Forgets the key last read or written: its change may leave {@link #current}. */
    private void forgetLast() {
        lastKey = null;
        lastChange = null;
    }

    /** Stages the current changes (over any staged before) under {@code txid}; returns how many keys are staged. */
    public int prepare(long txid) {
        forgetLast();
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
            prepared.forEach((k, c) -> action.accept(k, c.value == TOMBSTONE ? null : (V) c.value));
        }
    }

    /** The staged changes, with null values for deletions; empty when nothing is staged. */
    @SuppressWarnings("unchecked")
    public Map<K, V> staged() {
        Map<K, V> out = new HashMap<>();
        if (prepared != null) {
            for (Map.Entry<K, Change> e : prepared.entrySet()) {
                Object v = e.getValue().value;
                out.put(e.getKey(), v == TOMBSTONE ? null : (V) v);
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
        forgetLast();
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
            prepared.forEach((k, c) -> view.put(k, c.value));
        }
        current.forEach((k, c) -> view.put(k, c.value));
        Map<K, V> out = new HashMap<>();
        for (Map.Entry<K, Object> e : view.entrySet()) {
            if (e.getValue() != TOMBSTONE) {
                out.put(e.getKey(), (V) e.getValue());
            }
        }
        return out;
    }
}
