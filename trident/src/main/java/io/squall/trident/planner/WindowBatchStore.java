package io.squall.trident.planner;

import io.squall.trident.windowing.WindowBatch;
import io.squall.trident.windowing.WindowsStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The batches one partition of a window keeps, by txid, in a user's {@link WindowsStore}: each batch under
 * {@code <window id>|<partition>|<txid>}, and the list of kept txids under {@code <window id>|<partition>|txids}, so
 * that loading them needs no scan of the store. Confined to the task thread of its window.
 */
final class WindowBatchStore {
    private final WindowsStore store;
    private final String prefix;
    private final String indexKey;

    WindowBatchStore(WindowsStore store, String windowId, int partition) {
        this.store = store;
        this.prefix = windowId + WindowsStore.KEY_SEPARATOR + partition + WindowsStore.KEY_SEPARATOR;
        this.indexKey = prefix + "txids";
    }

    private String key(long txid) {
        return prefix + txid;
    }

    @SuppressWarnings("unchecked")
    private ArrayList<Long> txids() {
        Object v = store.get(indexKey);
        return v == null ? new ArrayList<>() : new ArrayList<>((List<Long>) v);
    }

    /** Every kept batch, by txid. */
    NavigableMap<Long, WindowBatch> load() {
        NavigableMap<Long, WindowBatch> ret = new TreeMap<>();
        List<Long> txids = txids();
        if (txids.isEmpty()) {
            return ret;
        }
        List<String> keys = new ArrayList<>(txids.size());
        txids.forEach(t -> keys.add(key(t)));
        Iterator<Object> values = store.get(keys).iterator();
        for (Long txid : txids) {
            Object b = values.next();
            if (b == null) {
                throw new IllegalStateException("Window store " + store + " lists batch " + txid + " under "
                        + indexKey + " but holds no value under " + key(txid));
            }
            ret.put(txid, (WindowBatch) b);
        }
        return ret;
    }

    /**
     * Keeps (or replaces) the batch of {@code txid}, with the index in the same {@code putAll}, which a store that
     * writes in batches (as the RocksDB one does) applies at once.
     */
    void put(long txid, WindowBatch batch) {
        ArrayList<Long> txids = txids();
        if (!txids.contains(txid)) {
            txids.add(txid);
        }
        store.putAll(List.of(new WindowsStore.Entry(key(txid), batch), new WindowsStore.Entry(indexKey, txids)));
    }

    /** Drops the batches before {@code txid}; the index forgets them before they go. */
    void pruneBefore(long txid) {
        ArrayList<Long> txids = txids();
        List<String> gone = new ArrayList<>();
        for (long t : txids) {
            if (t < txid) {
                gone.add(key(t));
            }
        }
        if (!gone.isEmpty()) {
            txids.removeIf(t -> t < txid);
            store.put(indexKey, txids);
            store.removeAll(gone);
        }
    }

    /** Shuts the store down; Squall's own stores keep the data. */
    void close() {
        store.shutdown();
    }
}
