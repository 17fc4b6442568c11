package io.squall.trident.windowing;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

/**
 * A key-value store in which a window operation keeps what its windows need after a restart: each batch that can
 * still be in a window, with what it emitted. Squall's window operation writes under keys that start with the
 * window's id and the partition, joined by {@link #KEY_SEPARATOR}, so one store can hold every window and partition of
 * a topology. Values are what the operation hands over ({@link WindowBatch}es and lists of txids); a store that
 * writes them elsewhere must serialize them. Each task gets its own instance from {@link WindowsStoreFactory#create}
 * and uses it from its thread only.
 */
public interface WindowsStore extends Serializable {
    /** Joins the parts of a key made of several strings. */
    String KEY_SEPARATOR = "|";

    /** The value of {@code key}, or null if it has none. */
    Object get(String key);

    /** The values of {@code keys}, in their order, null where a key has none. */
    Iterable<Object> get(List<String> keys);

    /** Every key that has a value. */
    Iterable<String> getAllKeys();

    /** Stores {@code value} (not null) under {@code key}, replacing what was there. */
    void put(String key, Object value);

    /** Stores each entry, as {@link #put} does. */
    void putAll(Collection<Entry> entries);

    /** Removes {@code key}; a key without a value is ignored. */
    void remove(String key);

    /** Removes each of {@code keys}. */
    void removeAll(Collection<String> keys);

    /** Releases the store's resources when its task stops; Squall's own stores keep the data. */
    void shutdown();

    /** A key and its value, for {@link #putAll}. Immutable. */
    class Entry implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The key. */
        public final String key;
        /** The value. */
        public final Object value;

        /**
         * An entry of {@code value} under {@code key}.
         *
         * @throws IllegalArgumentException if either is null
         */
        public Entry(String key, Object value) {
            nonNullCheckForKey(key);
            nonNullCheckForValue(value);
            this.key = key;
            this.value = value;
        }

        /**
         * Checks a key.
         *
         * @throws IllegalArgumentException if {@code key} is null
         */
        public static void nonNullCheckForKey(Object key) {
            if (key == null) {
                throw new IllegalArgumentException("A windows store key must not be null");
            }
        }

        /**
         * Checks a value.
         *
         * @throws IllegalArgumentException if {@code value} is null
         */
        public static void nonNullCheckForValue(Object value) {
            if (value == null) {
                throw new IllegalArgumentException("A windows store value must not be null");
            }
        }
    }
}
