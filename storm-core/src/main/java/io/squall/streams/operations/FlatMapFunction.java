package io.squall.streams.operations;

/**
 * A function from one value to any number of values.
 *
 * @param <T> the input's type
 * @param <R> the type of each result
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Function<T, Iterable<R>> {
}
