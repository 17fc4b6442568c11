package io.squall.messaging;

import java.util.Arrays;

/**
 * One message on a worker-to-worker connection. On the wire a frame is
 * {@code int length | byte type | payload}, where {@code length} counts the type byte and the payload.
 * The payload array is not copied. A frame a {@link FrameDecoder} hands on may lie in the connection's reused
 * buffer: it is valid only until the handler it is handed to returns, and whoever keeps it longer keeps a
 * {@link #copy()}.
 *
 * @param type    one of {@link #MESSAGES} or {@link #BACKPRESSURE}
 * @param payload holds the bytes after the type in its first {@code length} bytes
 * @param length  how many bytes of {@code payload} the frame holds
 */
public record Frame(byte type, byte[] payload, int length) {
    /** A batch of tuples and acker messages for tasks of the receiving worker ({@link WireCodec}). */
    public static final byte MESSAGES = 1;
    /** The sender's congestion state: one byte, 1 congested, 0 relieved. */
    public static final byte BACKPRESSURE = 2;
    /** Bytes of the length prefix. */
    public static final int HEADER_BYTES = 4;

    /** Checks that the payload holds {@code length} bytes. */
    public Frame {
        if (length < 0 || length > payload.length) {
            throw new IllegalArgumentException("A frame of " + length + " bytes in an array of " + payload.length);
        }
    }

    /** A frame holding the whole of {@code payload}. */
    public Frame(byte type, byte[] payload) {
        this(type, payload, payload.length);
    }

    /** This frame with a payload of its own, exactly as long as the frame. */
    public Frame copy() {
        return new Frame(type, Arrays.copyOf(payload, length));
    }

    /** Whether {@code type} is a frame type this version understands. */
    public static boolean isKnownType(byte type) {
        return type == MESSAGES || type == BACKPRESSURE;
    }

    /** A backpressure frame. */
    public static Frame backpressure(boolean congested) {
        return new Frame(BACKPRESSURE, new byte[] {(byte) (congested ? 1 : 0)});
    }
}
