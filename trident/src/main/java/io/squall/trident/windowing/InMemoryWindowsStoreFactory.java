package io.squall.trident.windowing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Window stores in this process's memory: every task of a factory shares one map, which outlives the topology, so one
 * submitted again in the same process (with the same factory) resumes its windows. Thread-safe.
 */
public final class InMemoryWindowsStoreFactory implements WindowsStoreFactory {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Map<String, Object>> STORES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    @Override
    public WindowsStore create(Map<String, Object> topoConf) {
        return new InMemoryWindowsStore(STORES.computeIfAbsent(id, k -> new ConcurrentHashMap<>()));
    }
}
