package io.squall.runtime.acker;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotatingIndexTest {
    @Test
    void expiresAKeyOnTheRotationThatDropsItsBucket() {
        RotatingIndex m = new RotatingIndex(3);
        int slot = m.putNew(1);
        List<Long> expired = new ArrayList<>();
        m.rotate(s -> expired.add(m.keyOf(s)));
        m.rotate(s -> expired.add(m.keyOf(s)));
        assertEquals(List.of(), expired, "alive for numBuckets - 1 rotations");
        assertEquals(slot, m.find(1));
        m.rotate(s -> expired.add(m.keyOf(s)));
        assertEquals(List.of(1L), expired);
        assertEquals(-1, m.find(1));
        assertEquals(0, m.size());
    }

    @Test
    void touchRestartsExpiry() {
        RotatingIndex m = new RotatingIndex(2);
        int slot = m.putNew(7);
        m.rotate(null);
        assertTrue(m.touch(7));
        m.rotate(s -> {
            throw new AssertionError("expired after touch: " + m.keyOf(s));
        });
        assertEquals(slot, m.find(7));
        assertFalse(m.touch(8));
    }

    @Test
    void removeFreesTheSlotForReuseAndKeepsTheSizeRight() {
        RotatingIndex m = new RotatingIndex(3);
        int a = m.putNew(1);
        int b = m.putNew(2);
        assertNotEquals(a, b);
        assertEquals(2, m.size());
        assertEquals(a, m.remove(1));
        assertEquals(-1, m.remove(1));
        assertEquals(1, m.size());
        assertEquals(0, m.keyOf(a), "a freed slot holds no key");
        assertEquals(a, m.putNew(3), "the freed slot is handed out again");
    }

    @Test
    void removesAtThePositionALookUpFound() {
        RotatingIndex m = new RotatingIndex(3);
        int a = m.putNew(5);
        m.putNew(6);
        int at = m.positionOf(5);
        assertEquals(a, m.slotAtPosition(at));
        assertEquals(a, m.removeAtPosition(at));
        assertEquals(-1, m.find(5));
        assertEquals(1, m.size());
        assertEquals(-1, m.positionOf(5));
        assertEquals(-1, m.positionOf(0));
    }

    @Test
    void refusesFewerThanTwoBucketsAndKeyZero() {
        assertThrows(IllegalArgumentException.class, () -> new RotatingIndex(1));
        assertThrows(IllegalArgumentException.class, () -> new RotatingIndex(2).putNew(0));
        assertEquals(-1, new RotatingIndex(2).find(0));
    }

    /** Keys that collide in the table (same low bits after hashing) must survive removals from their probe run. */
    @Test
    void agreesWithAHashMapUnderRandomPutsRemovesAndRotations() {
        SplittableRandom random = new SplittableRandom(42);
        RotatingIndex m = new RotatingIndex(4);
        Map<Long, Integer> model = new HashMap<>(); // key -> generation of last put or touch
        int generation = 0;
        List<Long> live = new ArrayList<>();
        for (int op = 0; op < 200_000; op++) {
            int what = random.nextInt(100);
            if (what < 45 || live.isEmpty()) {
                // Small keys make long probe runs and many collisions.
                long key = 1 + random.nextInt(5_000);
                if (!model.containsKey(key)) {
                    int slot = m.putNew(key);
                    assertTrue(slot < m.slotCapacity());
                    assertEquals(key, m.keyOf(slot));
                    model.put(key, generation);
                    live.add(key);
                }
            } else if (what < 65) {
                long key = live.remove(random.nextInt(live.size()));
                assertTrue(m.remove(key) >= 0, "present: " + key);
                model.remove(key);
            } else if (what < 85) {
                // The spout's way: look up once, then remove at the position found.
                long key = live.remove(random.nextInt(live.size()));
                int at = m.positionOf(key);
                assertTrue(at >= 0, "present: " + key);
                int slot = m.slotAtPosition(at);
                assertEquals(key, m.keyOf(slot));
                assertEquals(slot, m.removeAtPosition(at));
                assertEquals(-1, m.positionOf(key));
                model.remove(key);
            } else if (what < 95) {
                long key = live.get(random.nextInt(live.size()));
                assertTrue(m.touch(key));
                model.put(key, generation);
            } else if (what < 96) {
                generation++;
                int oldest = generation - 4;
                List<Long> expired = new ArrayList<>();
                m.rotate(s -> expired.add(m.keyOf(s)));
                List<Long> want = new ArrayList<>();
                model.forEach((k, g) -> {
                    if (g <= oldest) {
                        want.add(k);
                    }
                });
                expired.sort(null);
                want.sort(null);
                assertEquals(want, expired, "expired at rotation " + generation);
                want.forEach(model::remove);
                live.removeAll(want);
            } else {
                long key = 1 + random.nextInt(5_000);
                assertEquals(model.containsKey(key), m.find(key) >= 0, "find " + key);
            }
            assertEquals(model.size(), m.size());
        }
        for (long key : model.keySet()) {
            int slot = m.find(key);
            assertTrue(slot >= 0);
            assertEquals(key, m.keyOf(slot));
        }
    }
}
