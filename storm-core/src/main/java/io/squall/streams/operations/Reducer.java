package io.squall.streams.operations;

/**
 * Combines two values into one of the same type; applied repeatedly, it reduces many values to one.
 *
 * @param <T> the values' type
 */
@FunctionalInterface
public interface Reducer<T> extends BiFunction<T, T, T> {
    /** The combination of the two values. */
    @Override
    T apply(T arg1, T arg2);
}
