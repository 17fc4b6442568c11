package io.squall.streams.operations;

import io.squall.streams.Pair;

/**
 * The default joiner: the two values as a {@link Pair}.
 *
 * @param <V1> the first stream's values
 * @param <V2> the second stream's values
 */
public class PairValueJoiner<V1, V2> implements ValueJoiner<V1, V2, Pair<V1, V2>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Pair<V1, V2> apply(V1 value1, V2 value2) {
        return Pair.of(value1, value2);
    }
}
