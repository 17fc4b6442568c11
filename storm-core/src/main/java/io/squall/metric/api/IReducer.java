package io.squall.metric.api;

/** Folds the values given to a {@link ReducedMetric} in one bucket into one result. */
public interface IReducer<T> {
    /** The accumulator of an empty bucket. */
    T init();

    /** The accumulator with one more value. */
    T reduce(T accumulator, Object input);

    /** The bucket's result. */
    Object extractResult(T accumulator);
}
