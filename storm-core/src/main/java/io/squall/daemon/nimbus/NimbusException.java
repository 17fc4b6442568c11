package io.squall.daemon.nimbus;

import io.squall.errors.SquallException;

/** A request Nimbus refuses, with the HTTP status to answer and a message naming what is wrong. */
public class NimbusException extends SquallException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal with an HTTP status (400 bad input, 404 unknown topology, 409 conflict, 503 not the leader). */
    public NimbusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
