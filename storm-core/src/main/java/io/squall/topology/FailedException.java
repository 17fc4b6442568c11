package io.squall.topology;

import io.squall.errors.SquallException;

/**
 * Thrown from {@link IBasicBolt#execute} to fail the input tuple instead of acking it; the spout then
 * sees {@code fail} and decides whether to replay.
 */
public class FailedException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** A failure without a message. */
    public FailedException() {
        super("tuple failed");
    }

    /** A failure with a message. */
    public FailedException(String message) {
        super(message);
    }

    /** A failure with a message and cause. */
    public FailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure caused by another exception. */
    public FailedException(Throwable cause) {
        super(String.valueOf(cause), cause);
    }
}
