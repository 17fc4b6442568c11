package io.squall.streams.operations.mappers;

import io.squall.streams.operations.Function;
import io.squall.tuple.Tuple;

/**
 * Turns a spout's tuple into the value a stream carries.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
public interface TupleValueMapper<T> extends Function<Tuple, T> {
}
