package io.squall.kafka.spout;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A serializable function, for translators written as lambdas ({@code r -> new Values(r.value())}): it travels
 * with the spout when the topology is submitted.
 *
 * @param <V> the input
 * @param <R> the result
 */
@FunctionalInterface
public interface Func<V, R> extends Function<V, R>, Serializable {
}
