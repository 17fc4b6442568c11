package io.squall.streams.operations;

/**
 * A function of one value.
 *
 * @param <T> the input's type
 * @param <R> the result's type
 */
@FunctionalInterface
public interface Function<T, R> extends Operation {
    /** The result for {@code input}. */
    R apply(T input);
}
