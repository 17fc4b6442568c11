package io.squall.streams.operations.mappers;

import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

/** The tuple's values at the given indices, as {@link Values}. */
public class ValuesMapper implements TupleValueMapper<Values> {
    private static final long serialVersionUID = 1L;
    private final int[] indices;

    /** Maps a tuple to its values at {@code indices}, in that order. */
    public ValuesMapper(int... indices) {
        for (int i : indices) {
            Mappers.checkIndex(i);
        }
        this.indices = indices.clone();
    }

    @Override
    public Values apply(Tuple input) {
        Values values = new Values();
        for (int i : indices) {
            values.add(Mappers.valueAt(input, i));
        }
        return values;
    }
}
