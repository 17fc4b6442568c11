package io.squall.lambda;

import java.io.Serializable;
import java.util.function.Consumer;

/** A consumer that can be serialized into a topology, for {@code TopologyBuilder.setBolt(id, consumer)}. */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {
}
