package io.squall.trident.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class OpaqueValueTest {
    private final OpaqueValue<String> value = new OpaqueValue<>(8L, "v1", "v0");

    @Test
    void aBatchStartsFromThePreviousValueOnlyWhenItWroteTheCurrentOne() {
        assertEquals("v0", value.get(8L), "txid 8 is replayed");
        assertEquals("v1", value.get(9L));
        assertEquals("v1", value.get(100L));
        assertEquals("v1", value.get(null), "a read outside a commit");
        assertEquals("v1", value.get(7L), "an older txid (the stream's txids restarted) reads like a newer one");
        assertEquals("v0", value.base(8L));
    }

    @Test
    void anUpdateKeepsTheValueBeforeItsBatch() {
        OpaqueValue<String> replayed = value.update(8L, "v2");
        assertEquals(new OpaqueValue<>(8L, "v2", "v0"), replayed);
        OpaqueValue<String> next = value.update(9L, "v2");
        assertEquals(new OpaqueValue<>(9L, "v2", "v1"), next);
        assertNotEquals(value, next);
        long txid = 10;
        assertEquals("v2", next.update(txid, "v3").getPrev(), "a primitive txid still works");
    }

    @Test
    void theTwoArgumentConstructorHasNoPreviousValue() {
        OpaqueValue<Long> first = new OpaqueValue<>(3L, 5L);
        assertEquals(3L, first.getCurrTxid());
        assertEquals(5L, first.getCurr());
        assertNull(first.getPrev());
        assertNull(first.get(3L));
    }
}
