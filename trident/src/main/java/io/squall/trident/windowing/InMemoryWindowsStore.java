package io.squall.trident.windowing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link WindowsStore} in memory, optionally in front of another store: then it writes through to that store,
 * keeps up to {@code maxSize} entries itself, and reads from it what it does not hold. Thread-safe.
 */
public class InMemoryWindowsStore implements WindowsStore {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> store;
    private final int maxSize;
    private final WindowsStore backingStore;
    /** Whether the entries outlive {@link #shutdown} (the factory's stores, shared by the topologies of a process). */
    private final boolean keepOnShutdown;

    /** A store of its own in memory; {@link #shutdown} drops its entries. */
    public InMemoryWindowsStore() {
        this(new ConcurrentHashMap<>(), 0, null, false);
    }

    /**
     * A store that holds up to {@code maxSize} entries in memory in front of {@code backingStore}, which holds them
     * all.
     *
     * @throws IllegalArgumentException if {@code maxSize} is negative or {@code backingStore} null
     */
    public InMemoryWindowsStore(int maxSize, WindowsStore backingStore) {
        this(new ConcurrentHashMap<>(), maxSize, checked(maxSize, backingStore), false);
    }

    /** A store over {@code shared}, whose entries outlive {@link #shutdown}. */
    InMemoryWindowsStore(Map<String, Object> shared) {
        this(shared, 0, null, true);
    }

    private InMemoryWindowsStore(Map<String, Object> store, int maxSize, WindowsStore backingStore,
                                 boolean keepOnShutdown) {
        this.store = store;
        this.maxSize = maxSize;
        this.backingStore = backingStore;
        this.keepOnShutdown = keepOnShutdown;
    }

    private static WindowsStore checked(int maxSize, WindowsStore backingStore) {
        if (maxSize < 0 || backingStore == null) {
            throw new IllegalArgumentException("An in-memory windows store in front of another needs that store and "
                    + "a size of 0 or more; got " + backingStore + " and " + maxSize);
        }
        return backingStore;
    }

    @Override
    public Object get(String key) {
        Object value = store.get(key);
        return value == null && backingStore != null ? backingStore.get(key) : value;
    }

    @Override
    public Iterable<Object> get(List<String> keys) {
        List<Object> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /** Every key: the backing store's when there is one (it holds them all), else this store's. */
    @Override
    public Iterable<String> getAllKeys() {
        return backingStore != null ? backingStore.getAllKeys() : List.copyOf(store.keySet());
    }

    @Override
    public void put(String key, Object value) {
        Entry.nonNullCheckForKey(key);
        Entry.nonNullCheckForValue(value);
        keep(key, value);
        if (backingStore != null) {
            backingStore.put(key, value);
        }
    }

    @Override
    public void putAll(Collection<Entry> entries) {
        for (Entry e : entries) {
            keep(e.key, e.value);
        }
        if (backingStore != null) {
            backingStore.putAll(entries);
        }
    }

    /** Holds the entry in memory, unless this store is in front of another and full (the other has it). */
    private void keep(String key, Object value) {
        if (backingStore == null || store.size() < maxSize || store.containsKey(key)) {
            store.put(key, value);
        }
    }

    @Override
    public void remove(String key) {
        store.remove(key);
        if (backingStore != null) {
            backingStore.remove(key);
        }
    }

    @Override
    public void removeAll(Collection<String> keys) {
        for (String key : keys) {
            store.remove(key);
        }
        if (backingStore != null) {
            backingStore.removeAll(keys);
        }
    }

    @Override
    public void shutdown() {
        if (!keepOnShutdown) {
            store.clear();
        }
        if (backingStore != null) {
            backingStore.shutdown();
        }
    }

    @Override
    public String toString() {
        return "InMemoryWindowsStore{entries=" + store.size() + ", backingStore=" + backingStore + '}';
    }
}
