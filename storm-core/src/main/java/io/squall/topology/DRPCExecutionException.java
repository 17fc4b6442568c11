package io.squall.topology;

import io.squall.thrift.TException;

/** A DRPC request did not get its result: it timed out, its topology failed it, or the server could not serve it. */
public class DRPCExecutionException extends TException {
    private static final long serialVersionUID = 1L;

    private final DRPCExceptionType type;

    /** A failure of {@code type}, whose message says what happened. */
    public DRPCExecutionException(String msg, DRPCExceptionType type) {
        super(msg);
        this.type = type;
    }

    /** A failed request ({@link DRPCExceptionType#FAILED_REQUEST}). */
    public DRPCExecutionException(String msg) {
        this(msg, DRPCExceptionType.FAILED_REQUEST);
    }

    /** Why the request failed. */
    public DRPCExceptionType get_type() {
        return type;
    }

    /** Why the request failed. */
    public DRPCExceptionType getType() {
        return type;
    }

    /** The message. */
    public String get_msg() {
        return getMessage();
    }
}
