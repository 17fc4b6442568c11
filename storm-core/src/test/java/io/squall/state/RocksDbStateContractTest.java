package io.squall.state;

import io.squall.Config;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The RocksDB provider against the contract every key-value state provider runs. */
class RocksDbStateContractTest extends KeyValueStateContract {
    @TempDir
    static Path dir;

    @SuppressWarnings("unchecked")
    @Override
    protected KeyValueState<String, Object> open(String namespace) {
        return (KeyValueState<String, Object>) new RocksDbKeyValueStateProvider().newState(namespace,
                Map.of(Config.TOPOLOGY_NAME, "contract", Config.TOPOLOGY_STATE_PROVIDER_CONFIG,
                        "{\"dir\": \"" + dir + "\"}"), null);
    }
}
