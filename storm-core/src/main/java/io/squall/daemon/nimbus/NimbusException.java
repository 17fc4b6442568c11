package io.squall.daemon.nimbus;

import io.squall.errors.SquallException;

/** A request Nimbus refuses, with the HTTP status to answer and a message naming what is wrong. */
public class NimbusException extends SquallException {
    private static final long serialVersionUID = 1L;

    private final int status;
    /** A word for clients that tell refusals of one status apart ({@code key-not-found}), or null. */
    private final String reason;

    /** A refusal with an HTTP status (400 bad input, 404 unknown topology, 409 conflict, 503 not the leader). */
    public NimbusException(int status, String message) {
        this(status, null, message);
    }

    /** A refusal with an HTTP status and a reason the answer's JSON carries beside the message. */
    public NimbusException(int status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    /** The reason, or null. */
    public String reason() {
        return reason;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
