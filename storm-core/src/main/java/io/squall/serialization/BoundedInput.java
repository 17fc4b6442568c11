package io.squall.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo {@link Input} over bytes received from the network that checks every length a value declares
 * against the bytes left before anything is allocated for it. Kryo allocates an array as long as a declared
 * length and only then reads it, so a corrupt or hostile length would otherwise ask for gigabytes; here it
 * fails with a {@link DeclaredLengthException} naming the length. Every element takes at least one byte
 * on the wire, so a length larger than the bytes left cannot be honest.
 *
 * <p>Only for inputs over a byte array (no stream). Not thread-safe, like any Input.
 */
public final class BoundedInput extends Input {
    /** An input over the whole of {@code bytes}. */
    public BoundedInput(byte[] bytes) {
        super(bytes);
    }

    /** A value declares more elements than the bytes left can hold. */
    public static final class DeclaredLengthException extends KryoException {
        private static final long serialVersionUID = 1L;

        DeclaredLengthException(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code count} elements of at least {@code minBytes} bytes each fit in what {@code in} has
     * left; for any array-backed Input, so that serializers of containers can check their sizes too.
     *
     * @throws DeclaredLengthException naming {@code what} and the sizes if they cannot
     */
    public static void checkFits(Input in, long count, int minBytes, String what) {
        if (in.getInputStream() != null) {
            return; // A stream's length is unknown; only inputs over received bytes are checked.
        }
        long left = in.limit() - in.position();
        if (count < 0 || count * minBytes > left) {
            throw new DeclaredLengthException(what + " declares " + count + " elements but only " + left
                    + " bytes are left");
        }
    }

    @Override
    public byte[] readBytes(int length) {
        checkFits(this, length, 1, "A byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        checkFits(this, length, Integer.BYTES, "An int array");
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        checkFits(this, length, 1, "An int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        checkFits(this, length, Long.BYTES, "A long array");
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        checkFits(this, length, 1, "A long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        checkFits(this, length, Float.BYTES, "A float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        checkFits(this, length, Double.BYTES, "A double array");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        checkFits(this, length, Short.BYTES, "A short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        checkFits(this, length, Character.BYTES, "A char array");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        checkFits(this, length, 1, "A boolean array");
        return super.readBooleans(length);
    }

    @Override
    public String readString() {
        checkUtf8Length();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkUtf8Length();
        return super.readStringBuilder();
    }

    /**
     * A string is either ASCII (its end marked in its last byte, so bounded by the buffer) or a UTF-8 length
     * (chars + 1, 0 for null) followed by at least one byte per char; the length is checked before Kryo sizes
     * its char buffer by it.
     */
    private void checkUtf8Length() {
        if (!readVarIntFlag()) {
            return;
        }
        int start = position();
        int length = readVarIntFlag(true);
        setPosition(start);
        if (length > 1) {
            checkFits(this, length - 1L, 1, "A string");
        }
    }
}
