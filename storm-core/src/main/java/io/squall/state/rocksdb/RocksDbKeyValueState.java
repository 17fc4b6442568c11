package io.squall.state.rocksdb;

import io.squall.state.KeyValueChanges;
import io.squall.state.QueryableKeyValueState;
import io.squall.state.Serializer;
import io.squall.state.UnserializableStateException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link KeyValueState} in a column family of a RocksDB database, of its own or shared. Three key spaces, by the first byte: {@code d}
 * the committed entries, {@code p} the changes staged by the last prepare (a flag byte, then the value: a
 * deletion has none), {@code m} the transaction ids of the last commit and of the staged prepare. A prepare
 * writes only the keys changed since the last commit, and a commit moves them into the committed entries in
 * one atomic batch, so after a crash the database holds either the old or the new commit, and a prepare
 * that was staged can still be committed by a recovering checkpoint. Changes since the last prepare are kept
 * in memory. Owned by the thread of the task that uses it.
 */
public class RocksDbKeyValueState<K, V> implements QueryableKeyValueState<K, V> {
    private static final byte DATA = 'd';
    private static final byte PREPARED = 'p';
    private static final byte META = 'm';
    private static final byte[] COMMITTED_TXID = {META, 'c'};
    private static final byte[] PREPARED_TXID = {META, 'p'};

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final Serializer<K> keys;
    private final Serializer<V> values;
    private final String namespace;
    private final KeyValueChanges<K, V> changes = new KeyValueChanges<>();
    /** Value classes already shown to serialize, so a value Kryo cannot write fails at put, not at the checkpoint. */
    private final Set<Class<?>> serializable = new HashSet<>();
    private final WriteOptions writeOptions = new WriteOptions();
    /** The committed value of a key, made once (a method reference per get would be an allocation). */
    private final Function<K, V> committedLookup = this::committedValue;
    private volatile int lastPreparedKeys;
    /**
     * The serialized keys and values (null for a deletion) the last prepare staged, kept until its commit so that
     * the commit writes them without reading them back; for {@link #stagedTxid} only.
     */
    private final List<byte[]> stagedKeys = new ArrayList<>();
    private final List<byte[]> stagedValues = new ArrayList<>();
    private long stagedTxid = -1;

    public RocksDbKeyValueState(RocksDB db, Serializer<K> keys, Serializer<V> values, String namespace) {
        this(db, db.getDefaultColumnFamily(), keys, values, namespace);
    }

    public RocksDbKeyValueState(RocksDB db, ColumnFamilyHandle family, Serializer<K> keys, Serializer<V> values,
                                String namespace) {
        this.db = db;
        this.family = family;
        this.keys = keys;
        this.values = values;
        this.namespace = namespace;
    }

    @Override
    public void put(K key, V value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("A key-value state takes no null key or value (key " + key
                    + ", value " + value + "); use delete(key) to remove a key");
        }
        if (serializable.add(value.getClass())) {
            try {
                values.serialize(value);
            } catch (RuntimeException e) {
                serializable.remove(value.getClass());
                throw UnserializableStateException.of(namespace, "value", key, value, e);
            }
        }
        changes.put(key, value);
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
        if (txid <= committedTxid()) {
            return; // That transaction is committed: these changes wait for the next one.
        }
        lastPreparedKeys = changes.prepare(txid);
        forgetStaged();
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(family, new byte[] {PREPARED}, new byte[] {PREPARED + 1});
            changes.forEachStaged((key, value) -> stage(batch, key, value));
            batch.put(family, PREPARED_TXID, longBytes(txid));
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            forgetStaged();
            throw failure("prepare " + txid, e);
        } catch (RuntimeException e) {
            forgetStaged();
            throw e;
        }
        stagedTxid = txid;
    }

    private void stage(WriteBatch batch, K key, V value) {
        byte[] rawKey = keys.serialize(key);
        byte[] rawValue;
        try {
            rawValue = value == null ? null : values.serialize(value);
        } catch (RuntimeException e) { // A value of a class that serialized at its put, but not this one.
            throw UnserializableStateException.of(namespace, "value", key, value, e);
        }
        try {
            batch.put(family, prefixed(PREPARED, rawKey), rawValue == null ? new byte[] {0}
                    : prefixed((byte) 1, rawValue));
        } catch (RocksDBException e) {
            throw failure("stage key " + key, e);
        }
        stagedKeys.add(rawKey);
        stagedValues.add(rawValue);
    }

    private void forgetStaged() {
        stagedKeys.clear();
        stagedValues.clear();
        stagedTxid = -1;
    }

    @Override
    public void commit(long txid) {
        byte[] prepared = read(PREPARED_TXID);
        if (prepared == null || ByteBuffer.wrap(prepared).getLong() != txid) {
            return; // Committed already (a commit repeated after recovery), or nothing was staged.
        }
        try (WriteBatch batch = new WriteBatch()) {
            if (stagedTxid == txid) {
                commitFromMemory(batch); // This object staged it: no need to read it back.
            } else {
                commitFromDatabase(batch); // Staged by an earlier owner of the namespace (a recovery).
            }
            batch.deleteRange(family, new byte[] {PREPARED}, new byte[] {PREPARED + 1});
            batch.delete(family, PREPARED_TXID);
            batch.put(family, COMMITTED_TXID, longBytes(txid));
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("commit " + txid, e);
        } finally {
            forgetStaged();
        }
        changes.clearPrepared();
    }

    private void commitFromMemory(WriteBatch batch) throws RocksDBException {
        for (int i = 0; i < stagedKeys.size(); i++) {
            byte[] dataKey = prefixed(DATA, stagedKeys.get(i));
            byte[] v = stagedValues.get(i);
            if (v == null) {
                batch.delete(family, dataKey);
            } else {
                batch.put(family, dataKey, v);
            }
        }
    }

    private void commitFromDatabase(WriteBatch batch) throws RocksDBException {
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(new byte[] {PREPARED}); it.isValid() && it.key()[0] == PREPARED; it.next()) {
                byte[] dataKey = it.key().clone();
                dataKey[0] = DATA;
                byte[] v = it.value();
                if (v[0] == 0) {
                    batch.delete(family, dataKey);
                } else {
                    batch.put(family, dataKey, Arrays.copyOfRange(v, 1, v.length));
                }
            }
        }
    }

    @Override
    public void commit() {
        byte[] last = read(COMMITTED_TXID);
        long txid = last == null ? 1 : ByteBuffer.wrap(last).getLong() + 1;
        prepareCommit(txid);
        commit(txid);
    }

    @Override
    public void rollback() {
        changes.clear();
        forgetStaged();
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(family, new byte[] {PREPARED}, new byte[] {PREPARED + 1});
            batch.delete(family, PREPARED_TXID);
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("rollback", e);
        }
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        return changes.overlay(committedIterator()).entrySet().iterator();
    }

    /** The committed entries, read from the database. */
    private Iterator<Map.Entry<K, V>> committedIterator() {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(new byte[] {DATA}); it.isValid() && it.key()[0] == DATA; it.next()) {
                byte[] k = it.key();
                out.add(new AbstractMap.SimpleImmutableEntry<>(keys.deserialize(Arrays.copyOfRange(k, 1, k.length)),
                        values.deserialize(it.value())));
            }
        }
        return out.iterator();
    }

    @Override
    public V committedValue(K key) {
        byte[] v = read(prefixed(DATA, keys.serialize(key)));
        return v == null ? null : values.deserialize(v);
    }

    /** RocksDB's estimate of its keys, less the staged and bookkeeping ones. */
    @Override
    public long committedSize() {
        try {
            return Math.max(0, db.getLongProperty(family, "rocksdb.estimate-num-keys") - lastPreparedKeys - 2);
        } catch (RocksDBException e) {
            throw failure("estimate its size", e);
        }
    }

    @Override
    public int lastPreparedKeys() {
        return lastPreparedKeys;
    }

    /** The id of the last commit, or -1. */
    public long committedTxid() {
        byte[] last = read(COMMITTED_TXID);
        return last == null ? -1 : ByteBuffer.wrap(last).getLong();
    }

    private byte[] read(byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("RocksDB state " + namespace + " failed to " + what + ": " + e.getMessage(), e);
    }

    private static byte[] prefixed(byte prefix, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = prefix;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    @Override
    public String toString() {
        return "RocksDbKeyValueState[" + namespace + "]";
    }
}
