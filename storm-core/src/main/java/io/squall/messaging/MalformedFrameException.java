package io.squall.messaging;

import io.squall.errors.SquallException;

/** Bytes from the network that are not a valid frame or whose content does not decode; the connection is closed. */
public final class MalformedFrameException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong with the frame. */
    public MalformedFrameException(String message) {
        super(message);
    }

    /** An exception whose message says what is wrong, with the decoding failure. */
    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
