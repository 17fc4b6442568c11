package io.squall.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedInputTest {
    private static byte[] strings(List<String> values) {
        Output out = new Output(1024, -1);
        for (String s : values) {
            out.writeString(s);
        }
        return out.toBytes();
    }

    @Test
    void aReusableInputReadsEveryKindOfStringKryoWrites() {
        List<String> values = new ArrayList<>(List.of("", "a", "ab", "the", "x".repeat(31), "y".repeat(32),
                "z".repeat(33), "w".repeat(200), "Ünïcödé", "日本語", "a\u0000b", "\u007f~"));
        values.add(null);
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int j = 0; j < n; j++) {
                b.append((char) (r.nextInt(10) == 0 ? 0x80 + r.nextInt(400) : 0x20 + r.nextInt(95)));
            }
            values.add(b.toString());
        }
        BoundedInput in = BoundedInput.reusable();
        for (int round = 0; round < 2; round++) {
            byte[] bytes = strings(values);
            in.setBuffer(bytes, 0, bytes.length);
            for (String expected : values) {
                assertEquals(expected, in.readString());
            }
            assertEquals(bytes.length, in.position());
        }
    }

    @Test
    void readsFixedSizeLongsAsKryoDoesAndFailsAsKryoDoesAtTheEnd() {
        long[] values = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L, 0x80L, 0xFF00FF00FF00FF00L};
        Output out = new Output(256, -1);
        out.writeByte(7); // Longs at an offset that is not a multiple of 8.
        for (long v : values) {
            out.writeLong(v);
        }
        out.writeByte(1);
        out.writeByte(2);
        byte[] bytes = out.toBytes();
        BoundedInput in = BoundedInput.reusable();
        in.setBuffer(bytes, 0, bytes.length);
        Input kryos = new Input(bytes);
        assertEquals(kryos.readByte(), in.readByte());
        for (long v : values) {
            assertEquals(v, in.readLong());
            assertEquals(v, kryos.readLong());
            assertEquals(kryos.position(), in.position());
        }
        assertThrows(KryoException.class, in::readLong, "two bytes left");
        assertThrows(KryoException.class, kryos::readLong, "two bytes left");
        in.setBuffer(bytes, 1, 8);
        assertEquals(values[0], in.readLong());
        assertEquals(9, in.position());
    }

    @Test
    void aRepeatedShortStringIsMadeOnce() {
        BoundedInput in = BoundedInput.reusable();
        byte[] first = strings(List.of("moon", "cow", "moon"));
        in.setBuffer(first, 0, first.length);
        String moon = in.readString();
        String cow = in.readString();
        assertSame(moon, in.readString());
        byte[] second = strings(List.of("cow", "moo", "x".repeat(40), "x".repeat(40)));
        in.setBuffer(second, 0, second.length);
        assertSame(cow, in.readString());
        assertEquals("moo", in.readString());
        assertNotSame(in.readString(), in.readString(), "long strings are not remembered");
    }

    @Test
    void aShortStringCutByTheEndOfTheBufferIsNotReadPastIt() {
        byte[] bytes = strings(List.of("moonlight"));
        BoundedInput in = BoundedInput.reusable();
        in.setBuffer(bytes, 0, 4);
        assertThrows(RuntimeException.class, in::readString);
    }

    @Test
    void everyEmptyOrOneCharAsciiStringIsSharedByEveryRead() {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            values.add(String.valueOf((char) c));
        }
        values.add("");
        byte[] bytes = strings(values);
        BoundedInput in = BoundedInput.reusable();
        for (int round = 0; round < 2; round++) {
            in.setBuffer(bytes, 0, bytes.length);
            List<String> read = new ArrayList<>();
            for (String expected : values) {
                String s = in.readString();
                assertEquals(expected, s);
                read.add(s);
            }
            assertEquals(bytes.length, in.position());
            in.setBuffer(bytes, 0, bytes.length);
            for (String first : read) {
                assertSame(first, in.readString());
            }
        }
    }

    @Test
    void shortStringsThatDifferOnlyInLengthOrInANulCharAreKeptApart() {
        List<String> values = List.of("ab", "\u0000ab", "a\u0000b", "ab\u0000", "abcdefgh", "abcdefg", "abcdefghi",
                "\u0000\u0000", "\u0000\u0000\u0000", "hgfedcba");
        byte[] bytes = strings(values);
        BoundedInput in = BoundedInput.reusable();
        for (int round = 0; round < 3; round++) {
            in.setBuffer(bytes, 0, bytes.length);
            for (String expected : values) {
                assertEquals(expected, in.readString());
            }
        }
    }
}
