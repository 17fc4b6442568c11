package io.squall.trident.state.snapshot;

import io.squall.trident.state.State;

/** A state holding one value, which can be read. */
public interface ReadOnlySnapshottable<T> extends State {
    /** The current value, or null. */
    T get();
}
