package io.squall.trident.state.snapshot;

import io.squall.trident.state.ValueUpdater;

/** A state holding one value, which can be read, updated and set. */
public interface Snapshottable<T> extends ReadOnlySnapshottable<T> {
    /** Applies the updater to the current value; returns the new value. */
    @SuppressWarnings("rawtypes")
    T update(ValueUpdater updater);

    /** Sets the value. */
    void set(T o);
}
