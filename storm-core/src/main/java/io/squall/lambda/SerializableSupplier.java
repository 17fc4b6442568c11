package io.squall.lambda;

import java.io.Serializable;
import java.util.function.Supplier;

/** A supplier that can be serialized into a topology, for {@code TopologyBuilder.setSpout(id, supplier)}. */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
