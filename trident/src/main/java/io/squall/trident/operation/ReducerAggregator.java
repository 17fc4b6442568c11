package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/**
 * An aggregation that folds tuples one by one into a value, starting from {@link #init}. Emits one field.
 *
 * @param <T> the value
 */
public interface ReducerAggregator<T> extends Serializable {
    /** The starting value. */
    T init();

    /** The value after one more tuple. */
    T reduce(T curr, TridentTuple tuple);
}
