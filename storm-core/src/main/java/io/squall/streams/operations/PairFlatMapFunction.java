package io.squall.streams.operations;

import io.squall.streams.Pair;

/**
 * A function from one value to any number of key-value pairs.
 *
 * @param <T> the input's type
 * @param <K> the keys' type
 * @param <V> the values' type
 */
@FunctionalInterface
public interface PairFlatMapFunction<T, K, V> extends FlatMapFunction<T, Pair<K, V>> {
}
