package io.squall.config;

import io.squall.errors.SquallException;

/** A configuration value of the wrong type or out of range; the message names every bad key. */
public class InvalidConfigException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names the bad keys. */
    public InvalidConfigException(String message) {
        super(message);
    }
}
