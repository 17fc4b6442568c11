package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

/** Keeps the tuples for which {@link #isKeep} is true. */
public interface Filter extends Operation {
    /** Whether the tuple stays in the stream. */
    boolean isKeep(TridentTuple tuple);
}
