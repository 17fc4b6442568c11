package io.squall.trident.coordinator;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coordinator store in this process's memory, for local mode. The data of a {@code txStateId} outlives the
 * topology, so a topology killed and submitted again in the same process resumes where it committed.
 * Thread-safe.
 */
public final class InMemoryCoordinatorStore implements CoordinatorStore {
    private static final Map<String, Data> DATA = new ConcurrentHashMap<>();

    private final Data data;

    /** The store of {@code txStateId}, created empty the first time. */
    public InMemoryCoordinatorStore(String txStateId) {
        this.data = DATA.computeIfAbsent(txStateId, k -> new Data());
    }

    @Override
    public long committedTxid() {
        return data.committed.get();
    }

    @Override
    public void setCommittedTxid(long txid) {
        data.committed.set(txid);
    }

    @Override
    public byte[] meta(String partition, long txid) {
        return partition(partition).get(txid);
    }

    @Override
    public Map.Entry<Long, byte[]> metaBefore(String partition, long txid) {
        return partition(partition).lowerEntry(txid);
    }

    @Override
    public void putMeta(String partition, long txid, byte[] meta) {
        partition(partition).put(txid, meta);
    }

    @Override
    public void pruneMetaBefore(String partition, long txid) {
        partition(partition).headMap(txid, false).clear();
    }

    @Override
    public void close() {
    }

    private NavigableMap<Long, byte[]> partition(String partition) {
        return data.metas.computeIfAbsent(partition, k -> new ConcurrentSkipListMap<>());
    }

    private static final class Data {
        final AtomicLong committed = new AtomicLong();
        final Map<String, NavigableMap<Long, byte[]>> metas = new ConcurrentHashMap<>();
    }
}
