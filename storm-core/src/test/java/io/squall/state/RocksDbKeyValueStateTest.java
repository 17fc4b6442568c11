package io.squall.state;

import io.squall.Config;
import io.squall.state.rocksdb.RocksDbKeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Files;
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

    @Test
    @SuppressWarnings("unchecked")
    void keepsAKeyGroupsStateAndAppliedLogInOneDatabaseAndReservesNoSpace() throws Exception {
        Map<String, Object> conf = new HashMap<>(conf());
        conf.put(Config.TOPOLOGY_NAME, "many-groups");
        for (int g = 0; g < 32; g++) {
            for (String ns : new String[] {"count@" + g, "count@" + g + "$applied"}) {
                KeyValueState<String, Long> s = (KeyValueState<String, Long>) provider().newState(ns, conf, null);
                s.put(ns, (long) g);
                s.prepareCommit(1);
                s.commit(1);
            }
        }
        Path topology = dir.resolve("many-groups");
        try (var dirs = Files.list(topology)) {
            assertEquals(32, dirs.count(), "one database per key group");
        }
        // RocksDB's defaults preallocate each write-ahead log to 1.1 write buffers (70 MB): 32 databases held 2 GB.
        Process du = new ProcessBuilder("du", "-sk", topology.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes()).trim();
        assertEquals(0, du.waitFor(), out);
        long kib = Long.parseLong(out.split("\\s+")[0]);
        assertTrue(kib < 64 * 1024, "32 small databases take " + kib + " KiB on disk");
        KeyValueState<String, Long> reopened = (KeyValueState<String, Long>) provider().newState("count@7$applied",
                conf, null);
        assertEquals(7L, reopened.get("count@7$applied"));
        assertEquals(null, reopened.get("count@7"), "a column family sees only its own keys");
    }
}
