package io.squall.flux.api;

import io.squall.errors.SquallException;

/**
 * A Flux definition that cannot be read or built: a missing file, bad YAML, an unknown class, a reference to an
 * undefined component, no matching constructor, a stream between unknown components... The message names what is
 * wrong and where (the file, the section and the id) and what to do.
 */
public class FluxException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An error with a message that names what is wrong. */
    public FluxException(String message) {
        super(message);
    }

    /** An error with a message and the failure that caused it. */
    public FluxException(String message, Throwable cause) {
        super(message, cause);
    }
}
