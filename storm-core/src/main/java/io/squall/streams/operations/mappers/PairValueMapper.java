package io.squall.streams.operations.mappers;

import io.squall.streams.Pair;
import io.squall.streams.operations.PairFunction;
import io.squall.tuple.Tuple;

/**
 * A key-value pair from two indices of the tuple.
 *
 * @param <K> the key's type
 * @param <V> the value's type
 */
public class PairValueMapper<K, V> implements TupleValueMapper<Pair<K, V>>, PairFunction<Tuple, K, V> {
    private static final long serialVersionUID = 1L;
    private final int keyIndex;
    private final int valueIndex;

    /** Maps a tuple to the pair of its values at {@code keyIndex} and {@code valueIndex}. */
    public PairValueMapper(int keyIndex, int valueIndex) {
        this.keyIndex = Mappers.checkIndex(keyIndex);
        this.valueIndex = Mappers.checkIndex(valueIndex);
    }

    @SuppressWarnings("unchecked")
    @Override
    public Pair<K, V> apply(Tuple input) {
        return Pair.of((K) Mappers.valueAt(input, keyIndex), (V) Mappers.valueAt(input, valueIndex));
    }
}
