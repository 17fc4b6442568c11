package io.squall.streams.operations;

/**
 * Prints each value on standard output: what {@code Stream.print()} does.
 *
 * @param <T> the values' type
 */
public class PrintConsumer<T> implements Consumer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void accept(T input) {
        System.out.println(input);
    }
}
