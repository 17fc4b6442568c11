package io.squall.state;

import java.util.Map;

/** A {@link State} that maps keys to values, as Storm's {@code KeyValueState}. */
public interface KeyValueState<K, V> extends State, Iterable<Map.Entry<K, V>> {
    void put(K key, V value);

    /** The value for {@code key}, or null. */
    V get(K key);

    /** The value for {@code key}, or {@code defaultValue} when there is none. */
    V get(K key, V defaultValue);

    /** Removes {@code key}; returns the value it had, or null. */
    V delete(K key);
}
