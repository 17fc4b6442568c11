package io.squall.streams.operations;

import io.squall.streams.Pair;

/**
 * A function from one value to a key-value pair.
 *
 * @param <T> the input's type
 * @param <K> the key's type
 * @param <V> the value's type
 */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Function<T, Pair<K, V>> {
}
