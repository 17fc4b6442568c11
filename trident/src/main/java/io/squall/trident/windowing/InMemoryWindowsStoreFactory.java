package io.squall.trident.windowing;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Window stores in this process's memory: they outlive a topology, so one submitted again in the same process
 * (with the same factory) resumes its windows. Thread-safe.
 */
public final class InMemoryWindowsStoreFactory implements WindowsStoreFactory {
    private static final long serialVersionUID = 1L;
    private static final Map<String, NavigableMap<Long, WindowBatch>> STORES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    @Override
    public WindowsStore create(Map<String, Object> conf, String windowId, int partition) {
        NavigableMap<Long, WindowBatch> batches = STORES.computeIfAbsent(id + "/" + windowId + "/" + partition,
                k -> new ConcurrentSkipListMap<>());
        return new WindowsStore() {
            @Override
            public NavigableMap<Long, WindowBatch> load() {
                return new TreeMap<>(batches);
            }

            @Override
            public void put(long txid, WindowBatch batch) {
                batches.put(txid, batch);
            }

            @Override
            public void pruneBefore(long txid) {
                batches.headMap(txid, false).clear();
            }

            @Override
            public void close() {
            }
        };
    }
}
