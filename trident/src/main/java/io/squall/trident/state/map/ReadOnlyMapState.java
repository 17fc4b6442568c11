package io.squall.trident.state.map;

import io.squall.trident.state.State;

import java.util.List;

/** A map state that can be queried. */
public interface ReadOnlyMapState<T> extends State {
    /** The current values of the keys, null where absent. */
    List<T> multiGet(List<List<Object>> keys);
}
