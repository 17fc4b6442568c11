package io.squall.state;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link KeyValueState} kept in the JVM's memory, as Storm's: the committed entries plus the changes
 * since the last commit. It survives its task being restarted in the same JVM (the provider keeps it by
 * namespace) but not the JVM: use it for tests and for state you can rebuild. Values are kept as objects,
 * not serialized. Owned by the thread of the task that uses it; {@link #committedValue} may be called from
 * any thread (during a commit it may see some of the commit's keys before others).
 *
 * <p>Made with a serializer (as its provider makes it), it refuses at {@link #put} a value of a class that serializer
 * cannot write, checked once per class, as the providers that serialize do: a topology tested in memory then fails
 * where it would fail with RocksDB or Redis.
 */
public class InMemoryKeyValueState<K, V> implements QueryableKeyValueState<K, V> {
    private final Map<K, V> committed = new ConcurrentHashMap<>();
    /** The committed value of a key, made once (a method reference per get would be an allocation). */
    private final Function<K, V> committedLookup = committed::get;
    /** Keeps the committed values it commits or reads: they are the objects {@link #committed} holds. */
    private final KeyValueChanges<K, V> changes = new KeyValueChanges<>(true);
    private volatile long committedTxid = -1;
    private volatile int lastPreparedKeys;
    /** Checks that values serialize, with {@link #namespace} for its errors; or null, to keep any value. */
    private final Serializer<Object> check;
    private final String namespace;
    /** The value classes shown to serialize, and the last one (the common case is one class: no look-up). */
    private final Set<Class<?>> serializable = new HashSet<>();
    private Class<?> lastSerializable;

    /** A state that keeps any value. */
    public InMemoryKeyValueState() {
        this(null, null);
    }

    /**
     * A state that refuses a value {@code check} cannot serialize, once per class.
     *
     * @param namespace the state's name in errors
     */
    public InMemoryKeyValueState(Serializer<Object> check, String namespace) {
        this.check = check;
        this.namespace = namespace;
    }

    @Override
    public void put(K key, V value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("A key-value state takes no null key or value (key " + key
                    + ", value " + value + "); use delete(key) to remove a key");
        }
        if (check != null && value.getClass() != lastSerializable) {
            checkSerializable(key, value);
        }
        changes.put(key, value);
    }

    private void checkSerializable(K key, V value) {
        Class<?> type = value.getClass();
        if (!serializable.contains(type)) {
            try {
                check.serialize(value);
            } catch (RuntimeException e) {
                throw UnserializableStateException.of(namespace, "value", key, value, e);
            }
            serializable.add(type);
        }
        lastSerializable = type;
    }

    @Override
    public V get(K key) {
        return changes.newest(key, committedLookup);
    }

    @Override
    public V get(K key, V defaultValue) {
        V v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        changes.delete(key);
        return old;
    }

    @Override
    public void prepareCommit(long txid) {
        if (txid <= committedTxid) {
            return; // That transaction is committed: these changes wait for the next one.
        }
        lastPreparedKeys = changes.prepare(txid);
    }

    @Override
    public void commit(long txid) {
        if (changes.preparedTxid() != txid) {
            return; // Committed already (a commit repeated after recovery), or nothing was staged.
        }
        changes.forEachStaged((k, v) -> {
            if (v == null) {
                committed.remove(k);
            } else {
                committed.put(k, v);
            }
        });
        committedTxid = txid;
        changes.clearPrepared();
    }

    @Override
    public void commit() {
        long txid = committedTxid + 1;
        prepareCommit(txid);
        commit(txid);
    }

    @Override
    public void rollback() {
        changes.clear();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return changes.overlay(committed.entrySet().iterator()).entrySet().iterator();
    }

    @Override
    public V committedValue(K key) {
        return committed.get(key);
    }

    /** A copy of the committed entries. Any thread. */
    public Map<K, V> committedEntries() {
        return Map.copyOf(committed);
    }

    @Override
    public long committedSize() {
        return committed.size();
    }

    @Override
    public int lastPreparedKeys() {
        return lastPreparedKeys;
    }

    /** The id of the last commit, or -1. Any thread. */
    public long committedTxid() {
        return committedTxid;
    }

    /**
     * The state for a log line, as Storm's: its namespace, last committed transaction, committed entries and how many
     * keys changed since (staged for a commit or not).
     */
    @Override
    public String toString() {
        return "InMemoryKeyValueState{namespace=" + namespace + ", committedTxid=" + committedTxid + ", committed="
                + committed + ", pendingChanges=" + changes.size() + "}";
    }
}
