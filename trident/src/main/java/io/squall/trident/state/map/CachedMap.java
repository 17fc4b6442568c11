package io.squall.trident.state.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LRU cache in front of a backing map: reads hit the cache first, writes go through to the backing map and
 * into the cache. Confined to one task thread, like the state it serves.
 */
public final class CachedMap<T> implements IBackingMap<T>, AutoCloseable {
    private final IBackingMap<T> delegate;
    private final Map<List<Object>, T> cache;

    /** Caches up to {@code cacheSize} keys of {@code delegate}. */
    public CachedMap(IBackingMap<T> delegate, int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("Cache size must be at least 1, got " + cacheSize);
        }
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, T> eldest) {
                return size() > cacheSize;
            }
        };
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        List<T> ret = new ArrayList<>(keys.size());
        List<List<Object>> missing = new ArrayList<>();
        List<Integer> missingAt = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            T v = cache.get(keys.get(i));
            ret.add(v);
            if (v == null) {
                missing.add(keys.get(i));
                missingAt.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<T> loaded = delegate.multiGet(missing);
            for (int i = 0; i < missing.size(); i++) {
                T v = loaded.get(i);
                ret.set(missingAt.get(i), v);
                if (v != null) {
                    cache.put(missing.get(i), v);
                }
            }
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        delegate.multiPut(keys, vals);
        for (int i = 0; i < keys.size(); i++) {
            cache.put(keys.get(i), vals.get(i));
        }
    }

    @Override
    public void close() {
        if (delegate instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + c.getClass().getName() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
