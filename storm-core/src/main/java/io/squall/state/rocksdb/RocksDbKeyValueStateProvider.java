package io.squall.state.rocksdb;

import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.state.DefaultStateSerializer;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps state in RocksDB databases on local disk, so a worker restarted on the same host (or a task restarted in
 * the same JVM) finds it again. Configured by {@code topology.state.provider.config}: {@code {"dir": "..."}}, the
 * directory under which each topology gets a directory (default {@code storm.local.dir/state}).
 *
 * <p>A namespace {@code base$part} (with a non-empty {@code base}) lives in column family {@code part} of the database of {@code base}, any other
 * namespace in the default column family of its own database. So a key group's state and its applied log
 * ({@code count@17} and {@code count@17$applied}) share one database and one write-ahead log, and a group that
 * moves to another worker on the same host takes both along. Checkpoints are incremental: a prepare writes only
 * the keys changed since the last commit. A database stays open for the life of the JVM.
 */
public class RocksDbKeyValueStateProvider implements StateProvider {
    private static final Map<Path, Database> OPEN = new ConcurrentHashMap<>();

    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        RocksDbLibrary.load(topoConf);
        int split = namespace.lastIndexOf('$');
        if (split == 0) {
            split = -1; // Storm's "$checkpointspout": a name, not a part of another namespace.
        }
        String base = split < 0 ? namespace : namespace.substring(0, split);
        String family = split < 0 ? null : namespace.substring(split + 1);
        Path dir = directory(topoConf).resolve(safe(String.valueOf(topoConf.get(Config.TOPOLOGY_NAME))))
                .resolve(safe(base));
        Database db = open(dir);
        return new RocksDbKeyValueState<>(db.db, db.family(family), new DefaultStateSerializer<>(topoConf, List.of()),
                new DefaultStateSerializer<>(topoConf, List.of()), namespace);
    }

    /** The directory under which this topology's databases live. */
    static Path directory(Map<String, Object> topoConf) {
        Object dir = StateFactory.providerConfig(topoConf).get("dir");
        if (dir != null) {
            return Path.of(dir.toString());
        }
        Object local = topoConf.getOrDefault(ConfigKeys.STORM_LOCAL_DIR.name(), ConfigKeys.STORM_LOCAL_DIR.defaultValue());
        return Path.of(String.valueOf(local), "state");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Database open(Path dir) {
        return OPEN.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
            try {
                Files.createDirectories(d);
                DBOptions options = RocksDbOptions.database();
                List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
                descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, RocksDbOptions.family()));
                if (Files.exists(d.resolve("CURRENT"))) {
                    try (Options listing = new Options()) {
                        for (byte[] name : RocksDB.listColumnFamilies(listing, d.toString())) {
                            if (!Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
                                descriptors.add(new ColumnFamilyDescriptor(name, RocksDbOptions.family()));
                            }
                        }
                    }
                }
                List<ColumnFamilyHandle> handles = new ArrayList<>();
                RocksDB db = RocksDB.open(options, d.toString(), descriptors, handles);
                Database database = new Database(d, db);
                for (int i = 0; i < descriptors.size(); i++) {
                    database.families.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8),
                            handles.get(i));
                }
                return database;
            } catch (IOException | RocksDBException e) {
                throw new IllegalStateException("Cannot open the RocksDB state database in " + d + ": " + e.getMessage()
                        + " (set the directory with topology.state.provider.config {\"dir\": ...})", e);
            }
        });
    }

    /** An open database and its column families by name (the default one under its RocksDB name). */
    private static final class Database {
        private final Path path;
        private final RocksDB db;
        private final Map<String, ColumnFamilyHandle> families = new ConcurrentHashMap<>();

        private Database(Path path, RocksDB db) {
            this.path = path;
            this.db = db;
        }

        /** The column family {@code name} (null: the default one), made if it is new. */
        ColumnFamilyHandle family(String name) {
            if (name == null) {
                return db.getDefaultColumnFamily();
            }
            return families.computeIfAbsent(name, n -> {
                try {
                    return db.createColumnFamily(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8),
                            RocksDbOptions.family()));
                } catch (RocksDBException e) {
                    throw new IllegalStateException("Cannot make column family " + n + " in the RocksDB state database "
                            + path + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
