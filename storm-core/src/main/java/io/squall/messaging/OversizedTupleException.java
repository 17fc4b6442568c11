package io.squall.messaging;

import io.squall.errors.SquallException;

/** A tuple bound for another worker is larger than a frame may be; it was failed instead of sent. */
public final class OversizedTupleException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names the component, stream, size and limit. */
    public OversizedTupleException(String message) {
        super(message);
    }
}
