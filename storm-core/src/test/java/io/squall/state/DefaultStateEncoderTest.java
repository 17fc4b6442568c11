package io.squall.state;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Storm's DefaultStateEncoder: keys and values round-trip through the state's serializers; deletions are marked. */
class DefaultStateEncoderTest {
    private final Serializer<String> keys = new DefaultStateSerializer<>();
    private final Serializer<List<Long>> values = new DefaultStateSerializer<>();
    private final StateEncoder<String, List<Long>, byte[], byte[]> encoder = new DefaultStateEncoder<>(keys, values);

    @Test
    void keysAreEncodedWithTheKeySerializer() {
        byte[] k = encoder.encodeKey("user-1");
        assertArrayEquals(keys.serialize("user-1"), k);
        assertEquals("user-1", encoder.decodeKey(k));
    }

    @Test
    void valuesRoundTripAndAreNeverTheTombstone() {
        List<Long> v = List.of(1L, 2L, 3L);
        byte[] encoded = encoder.encodeValue(v);
        assertEquals(v, encoder.decodeValue(encoded));
        assertFalse(Arrays.equals(encoder.getTombstoneValue(), encoded));
        Serializer<byte[]> raw = new Serializer<>() {
            @Override
            public byte[] serialize(byte[] obj) {
                return obj;
            }

            @Override
            public byte[] deserialize(byte[] b) {
                return b;
            }
        };
        DefaultStateEncoder<byte[], byte[]> rawEncoder = new DefaultStateEncoder<>(raw, raw);
        byte[] empty = rawEncoder.encodeValue(new byte[0]);
        assertFalse(Arrays.equals(DefaultStateEncoder.TOMBSTONE, empty));
        assertArrayEquals(new byte[0], rawEncoder.decodeValue(empty));
        byte[] lookalike = rawEncoder.encodeValue(DefaultStateEncoder.TOMBSTONE);
        assertArrayEquals(DefaultStateEncoder.TOMBSTONE, rawEncoder.decodeValue(lookalike));
    }

    @Test
    void theTombstoneDecodesToNull() {
        assertNull(encoder.decodeValue(encoder.getTombstoneValue()));
        assertArrayEquals(DefaultStateEncoder.TOMBSTONE, encoder.getTombstoneValue());
        assertThrows(IllegalArgumentException.class, () -> encoder.decodeValue(new byte[0]));
    }

    @Test
    void theSerializersAreExposed() {
        DefaultStateEncoder<String, List<Long>> e = new DefaultStateEncoder<>(keys, values);
        assertSame(keys, e.getKeySerializer());
        assertSame(values, e.getValueSerializer());
    }
}
