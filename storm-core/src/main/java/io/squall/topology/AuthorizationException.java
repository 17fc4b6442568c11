package io.squall.topology;

import io.squall.thrift.TException;

/** The caller may not perform that operation on the cluster. */
public class AuthorizationException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public AuthorizationException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
