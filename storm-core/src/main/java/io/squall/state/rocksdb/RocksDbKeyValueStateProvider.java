package io.squall.state.rocksdb;

import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.state.DefaultStateSerializer;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each namespace's state in its own RocksDB database on local disk, so a worker restarted on the same
 * host (or a task restarted in the same JVM) finds it again. Configured by {@code topology.state.provider.config}:
 * {@code {"dir": "..."}}, the directory under which each topology gets a directory and each namespace a
 * database (default {@code storm.local.dir/state}). Checkpoints are incremental: a prepare writes only the keys
 * changed since the last commit. A database stays open for the life of the JVM.
 */
public class RocksDbKeyValueStateProvider implements StateProvider {
    private static final Map<Path, RocksDB> OPEN = new ConcurrentHashMap<>();

    static {
        RocksDB.loadLibrary();
    }

    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        Path dir = directory(topoConf).resolve(safe(String.valueOf(topoConf.get(Config.TOPOLOGY_NAME))))
                .resolve(safe(namespace));
        return new RocksDbKeyValueState<>(open(dir), new DefaultStateSerializer<>(), new DefaultStateSerializer<>(),
                namespace);
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

    private static RocksDB open(Path dir) {
        return OPEN.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> {
            try {
                Files.createDirectories(d);
                Options options = new Options().setCreateIfMissing(true);
                return RocksDB.open(options, d.toString());
            } catch (IOException | RocksDBException e) {
                throw new IllegalStateException("Cannot open the RocksDB state database in " + d + ": " + e.getMessage()
                        + " (set the directory with topology.state.provider.config {\"dir\": ...})", e);
            }
        });
    }
}
