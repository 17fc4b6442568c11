package io.squall.messaging;

import io.squall.errors.SquallException;

/**
 * A well-formed frame that the receiver will not hold: larger than one connection may buffer, or more than
 * the memory left for frames still arriving on all connections. The connection is closed and the refusal
 * counted; the sender reconnects and the tuples in the frame are replayed by their spouts.
 */
public final class FrameRefusedException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what was refused and which setting limits it. */
    public FrameRefusedException(String message) {
        super(message);
    }
}
