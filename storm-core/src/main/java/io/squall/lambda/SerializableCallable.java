package io.squall.lambda;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A callable that can be serialized into a topology. */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}
