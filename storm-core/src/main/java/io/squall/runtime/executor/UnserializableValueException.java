package io.squall.runtime.executor;

import io.squall.errors.SquallException;

/**
 * A tuple value that could not cross a worker boundary: its class is not registered with Kryo (and Java
 * fallback is off) or it fails to serialize. Caught in local mode by the serialization check, it stops the
 * topology rather than letting it run until it is deployed on a cluster.
 */
public class UnserializableValueException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names the component, stream and class. */
    public UnserializableValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
