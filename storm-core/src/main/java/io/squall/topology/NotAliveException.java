package io.squall.topology;

import io.squall.thrift.TException;

/** No running topology has that name. */
public class NotAliveException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public NotAliveException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public NotAliveException(String message, Throwable cause) {
        super(message, cause);
    }
}
