package io.squall.streams.operations;

/**
 * A test of one value.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface Predicate<T> extends Operation {
    /** Whether {@code input} passes. */
    boolean test(T input);
}
