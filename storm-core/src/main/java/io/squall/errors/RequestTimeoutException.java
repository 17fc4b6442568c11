package io.squall.errors;

/**
 * A request whose answer did not come in time: the message names who did not answer and what to do. The request
 * may be retried.
 */
public class RequestTimeoutException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names who did not answer and what to do. */
    public RequestTimeoutException(String message) {
        super(message);
    }
}
