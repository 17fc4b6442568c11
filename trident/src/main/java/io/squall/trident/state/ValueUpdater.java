package io.squall.trident.state;

/** Computes a key's new value from its stored one (null when absent). */
@FunctionalInterface
public interface ValueUpdater<T> {
    /** The new value. */
    T update(T stored);
}
