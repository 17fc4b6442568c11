package io.squall.trident.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code maxSize} entries, dropping the least recently used (read or written) when a new
 * one would exceed it. Not thread-safe, like the {@link LinkedHashMap} it is.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@SuppressWarnings("checkstyle:AbbreviationAsWordInName")
public class LRUMap<K, V> extends LinkedHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    private final int maxSize;

    /**
     * An empty map of at most {@code maxSize} entries.
     *
     * @throws IllegalArgumentException if {@code maxSize} is below 1
     */
    public LRUMap(int maxSize) {
        super(16, 0.75f, true);
        if (maxSize < 1) {
            throw new IllegalArgumentException("An LRUMap holds at least one entry; maxSize was " + maxSize);
        }
        this.maxSize = maxSize;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxSize;
    }
}
