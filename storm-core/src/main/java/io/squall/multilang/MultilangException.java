package io.squall.multilang;

import io.squall.errors.SquallException;

/**
 * A shell component's subprocess failed (died, hung, wrote something that is not the protocol, emitted what the
 * component does not declare) or reported an error; the message names the component, task and command.
 */
public class MultilangException extends SquallException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the component and what went wrong. */
    public MultilangException(String message) {
        super(message);
    }

    /** An exception with a message and the failure behind it. */
    public MultilangException(String message, Throwable cause) {
        super(message, cause);
    }
}
