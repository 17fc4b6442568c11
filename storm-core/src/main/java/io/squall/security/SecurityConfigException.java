package io.squall.security;

import io.squall.config.InvalidConfigException;

/** Security settings that cannot work: a missing or unreadable file, an unsafe bind. Names what to fix. */
public final class SecurityConfigException extends InvalidConfigException {
    private static final long serialVersionUID = 1L;

    /** An error with a message naming the setting and what to do. */
    public SecurityConfigException(String message) {
        super(message);
    }
}
