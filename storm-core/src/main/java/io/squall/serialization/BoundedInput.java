package io.squall.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

import java.nio.charset.StandardCharsets;

/**
 * A Kryo {@link Input} over bytes received from the network that checks every length a value declares
 * against the bytes left before anything is allocated for it. Kryo allocates an array as long as a declared
 * length and only then reads it, so a corrupt or hostile length would otherwise ask for gigabytes; here it
 * fails with a {@link DeclaredLengthException} naming the length. Every element takes at least one byte
 * on the wire, so a length larger than the bytes left cannot be honest.
 *
 * <p>Only for inputs over a byte array (no stream). Not thread-safe, like any Input.
 *
 * <p>An input made {@linkplain #reusable() to be reused} over buffer after buffer also remembers the short ASCII
 * strings it read lately (up to {@value #MAX_RECENT_CHARS} chars, in a table of {@value #RECENT_SLOTS} slots by
 * the hash of their bytes) and returns the same {@code String} when the same bytes come again: the words, keys and
 * names a stream repeats are made once instead of once per tuple. Strings are immutable, so sharing one is
 * invisible to their readers; a string not in the table costs the hash and one comparison more than before.
 */
public final class BoundedInput extends Input {
    /** The longest string remembered: words and keys, not text. */
    static final int MAX_RECENT_CHARS = 32;
    /** Slots of the table of recent strings (a power of two). */
    static final int RECENT_SLOTS = 1024;

    /** Recent strings by hash of their bytes; null if this input does not remember them. */
    private final String[] recent;
    private final byte[] scratch;

    /** An input over the whole of {@code bytes}. */
    public BoundedInput(byte[] bytes) {
        super(bytes);
        this.recent = null;
        this.scratch = null;
    }

    private BoundedInput() {
        super(0);
        this.recent = new String[RECENT_SLOTS];
        this.scratch = new byte[MAX_RECENT_CHARS];
    }

    /**
     * An input with no buffer yet, to be pointed at one received buffer after another with {@link #setBuffer(byte[],
     * int, int)}; it remembers the short strings it reads (see above).
     */
    public static BoundedInput reusable() {
        return new BoundedInput();
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
        if (recent != null && !readVarIntFlag()) {
            String s = readRecentAscii();
            if (s != null) {
                return s;
            }
        }
        checkUtf8Length();
        return super.readString();
    }

    /**
     * Reads an ASCII string (Kryo's format: its chars, the last with its high bit set) of at most
     * {@link #MAX_RECENT_CHARS} chars through the table of recent strings; null, having read nothing, for a longer
     * one or one that runs past the end.
     */
    private String readRecentAscii() {
        byte[] b = buffer;
        int start = position;
        int end = Math.min(limit, start + MAX_RECENT_CHARS);
        int hash = 0;
        int i = start;
        while (true) {
            if (i == end) {
                return null;
            }
            int c = b[i] & 0x7F;
            hash = 31 * hash + c;
            if (b[i] < 0) {
                break;
            }
            i++;
        }
        int length = i - start + 1;
        int slot = (hash ^ hash >>> 10) & (RECENT_SLOTS - 1);
        String s = recent[slot];
        if (s == null || !sameChars(s, b, start, length)) {
            System.arraycopy(b, start, scratch, 0, length);
            scratch[length - 1] &= 0x7F;
            s = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
            recent[slot] = s;
        }
        position = start + length;
        return s;
    }

    private static boolean sameChars(String s, byte[] b, int start, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != (b[start + i] & 0x7F)) {
                return false;
            }
        }
        return true;
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
