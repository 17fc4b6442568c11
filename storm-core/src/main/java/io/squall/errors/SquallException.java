package io.squall.errors;

/**
 * The root of every exception Squall throws on its own account. Unchecked: each subclass names one
 * kind of failure, and its message names the thing that is wrong and what to do about it.
 */
public class SquallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names what is wrong. */
    public SquallException(String message) {
        super(message);
    }

    /** An exception with a message and the failure that caused it. */
    public SquallException(String message, Throwable cause) {
        super(message, cause);
    }
}
