package io.squall.trident.state;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON serializers write Storm's arrays and read whole numbers back as Longs. */
class JsonSerializersTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void eachKindOfStateHasItsArrayAndCountsComeBackAsLongs() {
        JSONTransactionalSerializer tx = new JSONTransactionalSerializer();
        byte[] b = tx.serialize(new TransactionalValue<>(7L, 3L));
        assertEquals("[7,3]", text(b));
        TransactionalValue<?> v = tx.deserialize(b);
        assertEquals(7L, v.getTxid());
        assertEquals(3L, v.getVal(), "a Long, so a Count's sums stay Longs");

        JSONOpaqueSerializer opaque = new JSONOpaqueSerializer();
        byte[] o = opaque.serialize(new OpaqueValue<>(9L, 5L, null));
        assertEquals("[9,5,null]", text(o));
        OpaqueValue<?> ov = opaque.deserialize(o);
        assertEquals(new OpaqueValue<>(9L, 5L, null), ov);

        JSONNonTransactionalSerializer plain = new JSONNonTransactionalSerializer();
        assertEquals(List.of("a", 1.5), plain.deserialize(plain.serialize(List.of("a", 1.5))));
        assertEquals(Map.of("k", 2L), plain.deserialize(plain.serialize(Map.of("k", 2))));
        assertNull(plain.deserialize(plain.serialize(null)));
    }

    @Test
    void bytesOfAnotherLayoutAreRefusedWithWhatWasExpected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JSONOpaqueSerializer().deserialize("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("[current txid, current value, previous value]"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new JSONTransactionalSerializer().deserialize("12".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValueJsonCannotHoldIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JSONNonTransactionalSerializer().serialize(new Object()));
        assertTrue(e.getMessage().contains("Serializer of its own"), e.getMessage());
    }
}
