package io.squall.daemon.logviewer;

import io.squall.errors.SquallException;

/** A log request the logviewer refuses, with the HTTP status to answer and a message saying what is wrong. */
public final class LogRequestException extends SquallException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  the HTTP status: 400 malformed, 401 no or a bad token, 403 not allowed, 404 no such file
     * @param message what is wrong and what to do
     */
    public LogRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
