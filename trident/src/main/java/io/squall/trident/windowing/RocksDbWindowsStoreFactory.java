package io.squall.trident.windowing;

import io.squall.state.rocksdb.RocksDbLibrary;
import io.squall.trident.state.map.RocksDbMapState;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Window stores in a RocksDB database on local disk, so windows survive a restart of the process: each kept
 * batch under {@code [windowId, partition, txid]}, and the list of kept txids under
 * {@code [windowId, partition, "txids"]}. Tuples must be {@link java.io.Serializable}.
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
    public WindowsStore create(Map<String, Object> conf, String windowId, int partition) {
        RocksDbLibrary.load(conf);
        RocksDbMapState db = RocksDbMapState.open(Paths.get(directory));
        List<Object> indexKey = List.of(windowId, partition, "txids");
        return new WindowsStore() {
            @SuppressWarnings("unchecked")
            private ArrayList<Long> txids() {
                Object v = db.multiGet(List.of(indexKey)).get(0);
                return v == null ? new ArrayList<>() : (ArrayList<Long>) v;
            }

            private List<Object> key(long txid) {
                return List.of(windowId, partition, txid);
            }

            @Override
            public NavigableMap<Long, WindowBatch> load() {
                NavigableMap<Long, WindowBatch> ret = new TreeMap<>();
                List<Long> txids = txids();
                List<List<Object>> keys = new ArrayList<>();
                txids.forEach(t -> keys.add(key(t)));
                List<Object> vals = keys.isEmpty() ? List.of() : db.multiGet(keys);
                for (int i = 0; i < txids.size(); i++) {
                    ret.put(txids.get(i), (WindowBatch) vals.get(i));
                }
                return ret;
            }

            @Override
            public void put(long txid, WindowBatch batch) {
                ArrayList<Long> txids = txids();
                if (!txids.contains(txid)) {
                    txids.add(txid);
                }
                db.multiPut(List.of(key(txid), indexKey), List.of(batch, txids));
            }

            @Override
            public void pruneBefore(long txid) {
                ArrayList<Long> txids = txids();
                List<List<Object>> gone = new ArrayList<>();
                for (long t : txids) {
                    if (t < txid) {
                        gone.add(key(t));
                    }
                }
                if (!gone.isEmpty()) {
                    txids.removeIf(t -> t < txid);
                    db.multiPut(List.of(indexKey), List.of(txids));
                    db.delete(gone);
                }
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }
}
