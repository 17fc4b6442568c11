package io.squall.trident.windowing;

import io.squall.state.rocksdb.RocksDbLibrary;
import io.squall.trident.state.map.RocksDbMapState;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Window stores in a RocksDB database on local disk, so windows survive a restart of the process: each key's value
 * under the one-element key {@code [key]} of a {@link RocksDbMapState}. Values (and the tuples in them) must be
 * {@link java.io.Serializable}. Every task of a process shares the open database.
 */
public final class RocksDbWindowsStoreFactory implements WindowsStoreFactory {
    private static final long serialVersionUID = 1L;

    private final String directory;

    /** Stores in the database in {@code directory} (created if missing). */
    public RocksDbWindowsStoreFactory(String directory) {
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("RocksDbWindowsStoreFactory needs a directory, got '" + directory + "'");
        }
        this.directory = directory;
    }

    @Override
    public WindowsStore create(Map<String, Object> topoConf) {
        RocksDbLibrary.load(topoConf);
        return new Store(RocksDbMapState.open(Paths.get(directory)));
    }

    /** One task's handle on the database; confined to that task's thread. */
    private static final class Store implements WindowsStore {
        private static final long serialVersionUID = 1L;

        private final transient RocksDbMapState db;

        Store(RocksDbMapState db) {
            this.db = db;
        }

        private static List<List<Object>> keys(Collection<String> keys) {
            List<List<Object>> ret = new ArrayList<>(keys.size());
            keys.forEach(k -> ret.add(List.of(k)));
            return ret;
        }

        @Override
        public Object get(String key) {
            return db.multiGet(List.of(List.of(key))).get(0);
        }

        @Override
        public Iterable<Object> get(List<String> keys) {
            return keys.isEmpty() ? List.of() : db.multiGet(keys(keys));
        }

        @Override
        public Iterable<String> getAllKeys() {
            List<String> ret = new ArrayList<>();
            for (List<Object> k : db.keys()) {
                if (k.size() == 1 && k.get(0) instanceof String s) {
                    ret.add(s);
                }
            }
            return ret;
        }

        @Override
        public void put(String key, Object value) {
            Entry.nonNullCheckForKey(key);
            Entry.nonNullCheckForValue(value);
            db.multiPut(List.of(List.of(key)), List.of(value));
        }

        @Override
        public void putAll(Collection<Entry> entries) {
            List<List<Object>> keys = new ArrayList<>(entries.size());
            List<Object> values = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                keys.add(List.of(e.key));
                values.add(e.value);
            }
            db.multiPut(keys, values);
        }

        @Override
        public void remove(String key) {
            db.delete(List.of(List.of(key)));
        }

        @Override
        public void removeAll(Collection<String> keys) {
            db.delete(keys(keys));
        }

        /** Releases this task's handle; the database closes with its last handle, and the data stays. */
        @Override
        public void shutdown() {
            db.close();
        }
    }
}
