package io.squall.state;

import io.squall.Config;
import io.squall.state.rocksdb.RocksDbKeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocksDbKeyValueStateTest extends KeyValueStateContractTest {
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

    /** Kryo cannot write it: it holds a thread. */
    static final class Unwritable implements Serializable {
        final Thread thread = new Thread(() -> { });
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesAValueKryoCannotWriteNamingItsClass() {
        Map<String, Object> conf = new HashMap<>(conf());
        conf.put(Config.TOPOLOGY_NAME, "unwritable");
        KeyValueState<String, Object> s = (KeyValueState<String, Object>) provider().newState("counter-3", conf, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.put("k", new Unwritable()));
        assertTrue(e.getMessage().contains("counter-3") && e.getMessage().contains(Unwritable.class.getName()),
                e.getMessage());
    }

    @Test
    void writesOnlyTheChangedKeysAtAPrepare() {
        RocksDbKeyValueState<String, Long> s = (RocksDbKeyValueState<String, Long>) state("incremental");
        for (long i = 0; i < 1000; i++) {
            s.put("k" + i, i);
        }
        s.prepareCommit(1);
        assertEquals(1000, s.lastPreparedKeys());
        s.commit(1);
        s.put("k5", 50L);
        s.delete("k6");
        s.prepareCommit(2);
        assertEquals(2, s.lastPreparedKeys());
        s.commit(2);
        assertEquals(50L, s.get("k5"));
        assertEquals(999L, s.get("k999"));
        assertEquals(999, entries(s).size());
    }
}
