package io.squall.redis.bolt;

import io.squall.errors.SquallException;

/** Redis answered a bolt's command with an error (a key holding another data type, say). */
public class RedisCommandException extends SquallException {
    private static final long serialVersionUID = 1L;

    public RedisCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
