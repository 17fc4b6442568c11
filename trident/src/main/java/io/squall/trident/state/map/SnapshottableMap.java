package io.squall.trident.state.map;

import io.squall.trident.state.ValueUpdater;
import io.squall.trident.state.snapshot.Snapshottable;

import java.util.ArrayList;
import java.util.List;

/**
 * A map state that is also a single value: the value under one fixed key. Ungrouped
 * {@code Stream.persistentAggregate} keeps its value under the empty key, which {@link MapStates} uses, so
 * {@code SnapshotGet} reads it.
 */
public class SnapshottableMap<T> implements MapState<T>, Snapshottable<T>, AutoCloseable {
    private final MapState<T> delegate;
    private final List<List<Object>> keys;

    /** The map {@code delegate}, whose single value is the one under {@code key}. */
    public SnapshottableMap(MapState<T> delegate, List<Object> key) {
        this.delegate = delegate;
        this.keys = List.of(new ArrayList<>(key));
    }

    @Override
    public void beginCommit(Long txid) {
        delegate.beginCommit(txid);
    }

    @Override
    public void commit(Long txid) {
        delegate.commit(txid);
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        return delegate.multiGet(keys);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<T> multiUpdate(List<List<Object>> keys, List<ValueUpdater> updaters) {
        return delegate.multiUpdate(keys, updaters);
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        delegate.multiPut(keys, vals);
    }

    @Override
    public T get() {
        return delegate.multiGet(keys).get(0);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public T update(ValueUpdater updater) {
        return delegate.multiUpdate(keys, List.of(updater)).get(0);
    }

    @Override
    public void set(T o) {
        List<T> vals = new ArrayList<>();
        vals.add(o);
        delegate.multiPut(keys, vals);
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
