package io.squall.runtime.state;

import io.squall.Config;
import io.squall.state.StateProvider;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The log of applied replay keys written to RocksDB and read back by a restarted task. */
class AppliedLogRocksDbTest extends AppliedLogTest {
    @TempDir
    static Path dir;

    @Override
    StateProvider provider() {
        return new RocksDbKeyValueStateProvider();
    }

    @Override
    Map<String, Object> conf() {
        return Map.of(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + dir + "\"}");
    }
}
