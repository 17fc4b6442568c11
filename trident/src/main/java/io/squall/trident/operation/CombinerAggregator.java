package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/**
 * An aggregation whose partial results combine associatively: each tuple becomes a value by {@link #init},
 * values are merged by {@link #combine}, {@link #zero} is the value of nothing. Emits one field.
 *
 * @param <T> the value
 */
public interface CombinerAggregator<T> extends Serializable {
    /** The value of one tuple. */
    T init(TridentTuple tuple);

    /** Two values merged. */
    T combine(T val1, T val2);

    /** The value of an empty batch or group. */
    T zero();
}
