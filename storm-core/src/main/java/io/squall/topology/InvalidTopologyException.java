package io.squall.topology;

import io.squall.thrift.TException;

/** A topology that cannot run as declared: a missing component, stream or field, a duplicate id, a bad parallelism, a component that cannot be serialized. */
public class InvalidTopologyException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public InvalidTopologyException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public InvalidTopologyException(String message, Throwable cause) {
        super(message, cause);
    }
}
