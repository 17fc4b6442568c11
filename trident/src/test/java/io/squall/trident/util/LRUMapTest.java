package io.squall.trident.util;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LRUMapTest {
    @Test
    void dropsTheLeastRecentlyUsedEntryPastItsSize() {
        LRUMap<String, Integer> map = new LRUMap<>(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);
        assertEquals(List.of("a", "c"), List.copyOf(map.keySet()), "b was used least recently");
    }

    @Test
    void refusesASizeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new LRUMap<String, String>(0));
    }
}
