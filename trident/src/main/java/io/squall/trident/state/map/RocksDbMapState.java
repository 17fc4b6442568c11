package io.squall.trident.state.map;

import io.squall.state.rocksdb.RocksDbLibrary;
import io.squall.state.rocksdb.RocksDbOptions;
import io.squall.task.IMetricsContext;
import io.squall.trident.state.JavaSerialization;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A durable map state in a RocksDB database on local disk: what a batch commits survives a restart of the
 * topology or the process. Keys and values are stored with Java serialization, so they must be
 * {@link java.io.Serializable}.
 *
 * <p>All partitions of a state in one process share one open database (RocksDB allows one opener per
 * directory), so a {@code stateQuery} in any task reads what the updating tasks wrote. Each partition's
 * {@link IBackingMap} is confined to its task thread; the database itself is thread-safe.
 */
public final class RocksDbMapState implements IBackingMap<Object>, AutoCloseable {
    private static final Map<Path, SharedDb> OPEN = new HashMap<>();

    private final SharedDb shared;
    private boolean closed;

    private RocksDbMapState(SharedDb shared) {
        this.shared = shared;
    }

    /** Makes RocksDB map states of one guarantee in one directory. */
    public static final class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final String directory;
        private final StateType type;
        private final int cacheSize;

        /**
         * @param directory where the database lives; created if missing
         * @param type      the guarantee the state keeps
         */
        public Factory(String directory, StateType type) {
            this(directory, type, 0);
        }

        private Factory(String directory, StateType type, int cacheSize) {
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("RocksDbMapState needs a directory, got '" + directory + "'");
            }
            this.directory = directory;
            this.type = type;
            this.cacheSize = cacheSize;
        }

        /**
         * The same state with an LRU cache of {@code size} keys per partition. Updates go through the cache, so
         * the updating tasks stay exact; a query in another task may read a value its own cache holds from an
         * earlier batch.
         */
        public Factory withCache(int size) {
            return new Factory(directory, type, size);
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            RocksDbLibrary.load(conf);
            return MapStates.build(type, open(Paths.get(directory)), cacheSize);
        }

        @Override
        public StateType getStateType() {
            return type;
        }
    }

    /** Opens (or shares) the database in {@code directory}; close the returned map when done. */
    public static RocksDbMapState open(Path directory) {
        RocksDbLibrary.load();
        Path key = directory.toAbsolutePath().normalize();
        synchronized (OPEN) {
            SharedDb db = OPEN.get(key);
            if (db == null) {
                try {
                    Files.createDirectories(key);
                    Options options = RocksDbOptions.single();
                    db = new SharedDb(key, options, RocksDB.open(options, key.toString()));
                } catch (IOException | RocksDBException e) {
                    throw new IllegalStateException("Cannot open the RocksDB state in " + key + ": " + e.getMessage(),
                            e);
                }
                OPEN.put(key, db);
            }
            db.refs++;
            return new RocksDbMapState(db);
        }
    }

    @Override
    public List<Object> multiGet(List<List<Object>> keys) {
        List<byte[]> raw = new ArrayList<>(keys.size());
        for (List<Object> k : keys) {
            raw.add(JavaSerialization.write(new ArrayList<>(k)));
        }
        try {
            List<byte[]> vals = shared.db.multiGetAsList(raw);
            List<Object> ret = new ArrayList<>(vals.size());
            for (byte[] v : vals) {
                ret.add(v == null ? null : JavaSerialization.read(v));
            }
            return ret;
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB read in " + shared.path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<Object> vals) {
        try (WriteBatch batch = new WriteBatch(); WriteOptions options = new WriteOptions()) {
            for (int i = 0; i < keys.size(); i++) {
                batch.put(JavaSerialization.write(new ArrayList<>(keys.get(i))), JavaSerialization.write(vals.get(i)));
            }
            shared.db.write(options, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB write in " + shared.path + " failed: " + e.getMessage(), e);
        }
    }

    /** Every key in the database, in the database's order, read in one pass over it. */
    @SuppressWarnings("unchecked")
    public List<List<Object>> keys() {
        List<List<Object>> ret = new ArrayList<>();
        try (RocksIterator it = shared.db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ret.add((List<Object>) JavaSerialization.read(it.key()));
            }
        }
        return ret;
    }

    /** Removes the keys. */
    public void delete(List<List<Object>> keys) {
        try (WriteBatch batch = new WriteBatch(); WriteOptions options = new WriteOptions()) {
            for (List<Object> k : keys) {
                batch.delete(JavaSerialization.write(new ArrayList<>(k)));
            }
            shared.db.write(options, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB delete in " + shared.path + " failed: " + e.getMessage(), e);
        }
    }

    /** Releases this handle; the database closes when its last handle does. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.refs == 0) {
                OPEN.remove(shared.path);
                shared.db.close();
                shared.options.close();
            }
        }
    }

    /** One open database and how many handles use it; guarded by {@link #OPEN}. */
    private static final class SharedDb {
        final Path path;
        final Options options;
        final RocksDB db;
        int refs;

        SharedDb(Path path, Options options, RocksDB db) {
            this.path = path;
            this.options = options;
            this.db = db;
        }
    }
}
