package io.squall.lambda;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * A two-argument consumer that can be serialized into a topology, for
 * {@code TopologyBuilder.setBolt(id, (tuple, collector) -> ..., fields...)}.
 */
@FunctionalInterface
public interface SerializableBiConsumer<T, U> extends BiConsumer<T, U>, Serializable {
}
