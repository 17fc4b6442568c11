package io.squall.topology;

import io.squall.thrift.TException;

/** A topology of that name is already running. */
public class AlreadyAliveException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public AlreadyAliveException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public AlreadyAliveException(String message, Throwable cause) {
        super(message, cause);
    }
}
