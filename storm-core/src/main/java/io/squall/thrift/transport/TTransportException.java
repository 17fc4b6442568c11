package io.squall.thrift.transport;

import io.squall.thrift.TException;

/**
 * A daemon could not be reached or the connection broke: what Storm's clients throw when Nimbus is down or
 * unknown. Squall's Nimbus client throws it when no Nimbus of {@code nimbus.seeds} answers, so Storm code that retries
 * on it ports as it is. The type codes are Thrift's, for code that reads them.
 */
public class TTransportException extends TException {
    private static final long serialVersionUID = 1L;

    /** The cause is not known. */
    public static final int UNKNOWN = 0;
    /** Nothing could be connected to. */
    public static final int NOT_OPEN = 1;
    /** The connection was already open. */
    public static final int ALREADY_OPEN = 2;
    /** The call took too long. */
    public static final int TIMED_OUT = 3;
    /** The other end closed the connection. */
    public static final int END_OF_FILE = 4;
    /** The answer was larger than allowed. */
    public static final int CORRUPTED_DATA = 5;

    private final int type;

    /** A transport failure of unknown cause. */
    public TTransportException() {
        this(UNKNOWN, (String) null);
    }

    /** A transport failure of unknown cause whose message says what happened. */
    public TTransportException(String message) {
        this(UNKNOWN, message);
    }

    /** A transport failure of {@code type} whose message says what happened. */
    public TTransportException(int type, String message) {
        super(message);
        this.type = type;
    }

    /** A transport failure caused by {@code cause}. */
    public TTransportException(Throwable cause) {
        super(cause);
        this.type = UNKNOWN;
    }

    /** A transport failure whose message says what happened, with its cause. */
    public TTransportException(String message, Throwable cause) {
        super(message, cause);
        this.type = UNKNOWN;
    }

    /** One of the type codes above. */
    public int getType() {
        return type;
    }
}
