package io.squall.redis.common;

import io.squall.errors.SquallException;

/**
 * Redis could not be reached, or the connection broke during a command. Retryable: the operation that threw
 * changed nothing on the client's side, so calling it again once Redis is back completes it. The message names
 * the server's {@code host:port} and what to do.
 */
public class RedisUnavailableException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the server, and the client's failure. */
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
