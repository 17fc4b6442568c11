package io.squall.streams.operations.mappers;

import io.squall.tuple.Tuple;

/**
 * The value at one index of the tuple.
 *
 * @param <T> the value's type
 */
public class ValueMapper<T> implements TupleValueMapper<T> {
    private static final long serialVersionUID = 1L;
    private final int index;

    /** Maps a tuple to its value at {@code index}. */
    public ValueMapper(int index) {
        this.index = Mappers.checkIndex(index);
    }

    @SuppressWarnings("unchecked")
    @Override
    public T apply(Tuple input) {
        return (T) Mappers.valueAt(input, index);
    }
}
