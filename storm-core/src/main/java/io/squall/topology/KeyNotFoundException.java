package io.squall.topology;

import io.squall.thrift.TException;

/** No blob has that key in the blob store. */
public class KeyNotFoundException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public KeyNotFoundException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public KeyNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
