package io.squall.runtime.acker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotatingMapTest {
    @Test
    void expiresAnEntryOnTheRotationThatDropsItsBucket() {
        RotatingMap<String> m = new RotatingMap<>(3);
        m.putNew(1, "a");
        List<Long> expired = new ArrayList<>();
        m.rotate((k, v) -> expired.add(k));
        m.rotate((k, v) -> expired.add(k));
        assertEquals(List.of(), expired, "alive for numBuckets - 1 rotations");
        assertEquals("a", m.get(1));
        m.rotate((k, v) -> expired.add(k));
        assertEquals(List.of(1L), expired);
        assertNull(m.get(1));
        assertEquals(0, m.size());
    }

    @Test
    void touchRestartsExpiry() {
        RotatingMap<String> m = new RotatingMap<>(2);
        m.putNew(7, "x");
        m.rotate(null);
        assertTrue(m.touch(7));
        m.rotate((k, v) -> {
            throw new AssertionError("expired after touch: " + k);
        });
        assertEquals("x", m.get(7));
        assertFalse(m.touch(8));
    }

    @Test
    void putMovesAnExistingKeyToTheNewestBucketAndKeepsTheSizeRight() {
        RotatingMap<String> m = new RotatingMap<>(3);
        m.put(1, "a");
        m.rotate(null);
        m.put(1, "b");
        m.put(2, "c");
        assertEquals(2, m.size());
        assertEquals("b", m.remove(1));
        assertNull(m.remove(1));
        assertEquals(1, m.size());
    }

    @Test
    void refusesFewerThanTwoBuckets() {
        assertThrows(IllegalArgumentException.class, () -> new RotatingMap<>(1));
    }
}
