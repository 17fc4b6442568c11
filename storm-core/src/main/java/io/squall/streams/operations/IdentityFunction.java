package io.squall.streams.operations;

/**
 * The function that returns its input.
 *
 * @param <T> the values' type
 */
public class IdentityFunction<T> implements Function<T, T> {
    private static final long serialVersionUID = 1L;

    @Override
    public T apply(T input) {
        return input;
    }
}
