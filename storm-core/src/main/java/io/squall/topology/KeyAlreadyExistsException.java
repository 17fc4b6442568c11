package io.squall.topology;

import io.squall.thrift.TException;

/** A blob with that key exists already. */
public class KeyAlreadyExistsException extends TException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong. */
    public KeyAlreadyExistsException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with its cause. */
    public KeyAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
