package io.squall.streams.operations;

/**
 * A function of two values.
 *
 * @param <T> the first input's type
 * @param <U> the second input's type
 * @param <R> the result's type
 */
@FunctionalInterface
public interface BiFunction<T, U, R> extends Operation {
    /** The result for the two inputs. */
    R apply(T input1, U input2);
}
