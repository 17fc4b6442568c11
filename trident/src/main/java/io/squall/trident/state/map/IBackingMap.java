package io.squall.trident.state.map;

import java.util.List;

/**
 * Storage for a map state: reads and writes many keys at once. A key is the list of a group's field values.
 * Used from one task thread at a time per instance.
 */
public interface IBackingMap<T> {
    /** The stored values of the keys, null where absent, in the keys' order. */
    List<T> multiGet(List<List<Object>> keys);

    /** Stores the values of the keys. */
    void multiPut(List<List<Object>> keys, List<T> vals);
}
