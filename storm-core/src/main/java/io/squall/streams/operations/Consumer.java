package io.squall.streams.operations;

/**
 * An action on each value of a stream.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface Consumer<T> extends Operation {
    /** Performs the action on {@code input}. */
    void accept(T input);
}
