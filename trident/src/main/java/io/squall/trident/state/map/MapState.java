package io.squall.trident.state.map;

import io.squall.trident.state.ValueUpdater;

import java.util.List;

/** A map state that a batch updates key by key. */
public interface MapState<T> extends ReadOnlyMapState<T> {
    /** Applies each key's updater to its current value; returns the new values. */
    @SuppressWarnings("rawtypes")
    List<T> multiUpdate(List<List<Object>> keys, List<ValueUpdater> updaters);

    /** Sets the keys' values. */
    void multiPut(List<List<Object>> keys, List<T> vals);
}
