package io.squall.messaging;

/**
 * One message on a worker-to-worker connection. On the wire a frame is
 * {@code int length | byte type | payload}, where {@code length} counts the type byte and the payload.
 * Immutable once built (the payload array is not copied and must not be changed).
 *
 * @param type    one of {@link #MESSAGES} or {@link #BACKPRESSURE}
 * @param payload the bytes after the type
 */
public record Frame(byte type, byte[] payload) {
    /** A batch of tuples and acker messages for tasks of the receiving worker ({@link WireCodec}). */
    public static final byte MESSAGES = 1;
    /** The sender's congestion state: one byte, 1 congested, 0 relieved. */
    public static final byte BACKPRESSURE = 2;
    /** Bytes of the length prefix. */
    public static final int HEADER_BYTES = 4;

    /** Whether {@code type} is a frame type this version understands. */
    public static boolean isKnownType(byte type) {
        return type == MESSAGES || type == BACKPRESSURE;
    }

    /** A backpressure frame. */
    public static Frame backpressure(boolean congested) {
        return new Frame(BACKPRESSURE, new byte[] {(byte) (congested ? 1 : 0)});
    }
}
