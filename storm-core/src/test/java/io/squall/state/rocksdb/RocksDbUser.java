package io.squall.state.rocksdb;

import io.squall.Config;
import io.squall.state.KeyValueState;
import org.rocksdb.RocksDB;

import java.util.HashMap;
import java.util.Map;

/**
 * The main class of a child JVM for {@link RocksDbLibraryIT}: loads RocksDB as a worker does (through the state
 * provider, or the binding's default way), commits a value, prints {@code READY} and waits to be killed.
 *
 * <p>Arguments: {@code provider LOCAL_DIR STATE_DIR} or {@code default}.
 */
public final class RocksDbUser {
    private RocksDbUser() {
    }

    /** See the class comment. */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        if (args[0].equals("provider")) {
            Map<String, Object> conf = new HashMap<>();
            conf.put(Config.TOPOLOGY_NAME, "native-library");
            conf.put("storm.local.dir", args[1]);
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + args[2] + "\"}");
            KeyValueState<String, Long> state = (KeyValueState<String, Long>) new RocksDbKeyValueStateProvider()
                    .newState("count", conf, null);
            state.put("loaded", 1L);
            state.prepareCommit(1);
            state.commit(1);
            if (state.get("loaded") != 1L) {
                throw new IllegalStateException("the committed value reads back as " + state.get("loaded"));
            }
        } else {
            RocksDB.loadLibrary();
        }
        System.out.println("READY");
        System.out.flush();
        System.in.read();
    }
}
