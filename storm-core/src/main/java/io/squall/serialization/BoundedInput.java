package io.squall.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * strings it read lately (up to {@value #MAX_RECENT_CHARS} chars, in tables of {@value #RECENT_SLOTS} slots) and
 * returns the same {@code String} when the same bytes come again: the words, keys and names a stream repeats are made
 * once instead of once per tuple; an empty or one-char ASCII string is always a shared one. Strings are immutable, so
 * sharing one is invisible to their readers; a string not in the table costs the look-up more than before.
 */
public final class BoundedInput extends Input {
    /** The longest string remembered: words and keys, not text. */
    static final int MAX_RECENT_CHARS = 32;
    /** Slots of each table of recent strings. */
    static final int RECENT_SLOTS = 1 << 10;
    private static final int RECENT_SLOT_BITS = Integer.numberOfTrailingZeros(RECENT_SLOTS);
    /** The longest string remembered by its packed chars: 7 bits per ASCII char, 4 bits for the length. */
    static final int PACKED_CHARS = 8;
    private static final int PACKED_LENGTH_SHIFT = PACKED_CHARS * 7;
    /** Kryo's UTF-8 length byte of an empty string and of a one-char string (length + 1, flagged). */
    private static final byte UTF8_EMPTY = (byte) 0x81;
    private static final byte UTF8_ONE_CHAR = (byte) 0x82;
    /** Eight bytes of an array as one little-endian long: Kryo's fixed-size long, in one load. */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Every one-char ASCII string, by its char. */
    private static final String[] ONE_ASCII_CHAR = new String[128];

    static {
        for (int c = 0; c < ONE_ASCII_CHAR.length; c++) {
            ONE_ASCII_CHAR[c] = String.valueOf((char) c);
        }
    }

    /** Recent strings of more than {@link #PACKED_CHARS} chars by hash of their bytes; null if not remembered. */
    private final String[] recent;
    /**
     * Recent strings of up to {@link #PACKED_CHARS} chars and their keys (chars packed, and the length, never 0), in
     * the slot a hash of the key picks.
     */
    private final long[] packedKeys;
    private final String[] packedStrings;
    private final byte[] scratch;

    /** An input over the whole of {@code bytes}. */
    public BoundedInput(byte[] bytes) {
        super(bytes);
        this.recent = null;
        this.packedKeys = null;
        this.packedStrings = null;
        this.scratch = null;
    }

    private BoundedInput() {
        super(0);
        this.recent = new String[RECENT_SLOTS];
        this.packedKeys = new long[RECENT_SLOTS];
        this.packedStrings = new String[RECENT_SLOTS];
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

    /**
     * Kryo's fixed-size long (little-endian, as {@link Input#readLong()} reads it) in one load of the array instead of
     * eight byte loads and shifts: every tuple's tree ids are two of them. Fewer than eight bytes left: Kryo's own read,
     * which fails as before.
     */
    @Override
    public long readLong() {
        int p = position;
        if (limit - p < 8) {
            return super.readLong();
        }
        position = p + 8;
        return (long) LONG_LE.get(buffer, p);
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
        if (recent != null) {
            String s = readVarIntFlag() ? readOneAsciiChar() : readRecentAscii();
            if (s != null) {
                return s;
            }
        }
        checkUtf8Length();
        return super.readString();
    }

    /**
     * Reads an empty string or one of one ASCII char, which Kryo writes in its UTF-8 form (a length byte, then the
     * char), as a shared string; null, having read nothing, for any other.
     */
    private String readOneAsciiChar() {
        int p = position;
        byte length = buffer[p];
        if (length == UTF8_EMPTY) {
            position = p + 1;
            return "";
        }
        if (length == UTF8_ONE_CHAR && p + 1 < limit && buffer[p + 1] >= 0) {
            position = p + 2;
            return ONE_ASCII_CHAR[buffer[p + 1]];
        }
        return null;
    }

    /**
     * Reads an ASCII string (Kryo's format: its chars, the last with its high bit set) of at most
     * {@link #MAX_RECENT_CHARS} chars through the tables of recent strings; null, having read nothing, for a longer
     * one or one that runs past the end. A string of up to {@value #PACKED_CHARS} chars (most words) is looked up by
     * its chars packed into a long, so that finding it takes one comparison; a longer one by a hash of its bytes and
     * a comparison of its chars.
     */
    private String readRecentAscii() {
        byte[] b = buffer;
        int start = position;
        int stop = Math.min(limit, start + PACKED_CHARS);
        long key = 0;
        for (int i = start; i < stop; i++) {
            byte c = b[i];
            key = key << 7 | (c & 0x7F);
            if (c < 0) {
                int length = i - start + 1;
                return packed(key | (long) length << PACKED_LENGTH_SHIFT, b, start, length);
            }
        }
        return stop - start < PACKED_CHARS ? null : readLongerRecentAscii(b, start);
    }

    /** The string of {@code length} chars at {@code start}, found in or added to the packed table by its key. */
    private String packed(long key, byte[] b, int start, int length) {
        int slot = (int) (key * 0x9E3779B97F4A7C15L >>> (Long.SIZE - RECENT_SLOT_BITS));
        String s = packedStrings[slot];
        if (packedKeys[slot] != key || s == null) {
            s = newAscii(b, start, length);
            packedKeys[slot] = key;
            packedStrings[slot] = s;
        }
        position = start + length;
        return s;
    }

    private String readLongerRecentAscii(byte[] b, int start) {
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
            s = newAscii(b, start, length);
            recent[slot] = s;
        }
        position = start + length;
        return s;
    }

    /** A new string of the ASCII chars at {@code start}, the last with its end marker (the high bit) cleared. */
    private String newAscii(byte[] b, int start, int length) {
        System.arraycopy(b, start, scratch, 0, length);
        scratch[length - 1] &= 0x7F;
        return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
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
