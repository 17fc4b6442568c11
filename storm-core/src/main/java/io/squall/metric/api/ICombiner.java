package io.squall.metric.api;

/** Combines the values given to a {@link CombinedMetric} in one bucket (an associative operation). */
public interface ICombiner<T> {
    /** The value of an empty bucket. */
    T identity();

    /** Two values combined. */
    T combine(T a, T b);
}
