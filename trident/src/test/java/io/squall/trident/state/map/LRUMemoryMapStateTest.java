package io.squall.trident.state.map;

import io.squall.trident.state.StateType;
import io.squall.trident.testing.LRUMemoryMapState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LRUMemoryMapStateTest extends MapStateContract {
    @Override
    @SuppressWarnings("unchecked")
    IBackingMap<Object> newBacking() {
        LRUMemoryMapState.Factory f = new LRUMemoryMapState.Factory(100, StateType.NON_TRANSACTIONAL);
        MapState<Object> state = (MapState<Object>) f.makeState(null, null, 0, 1);
        return new IBackingMap<>() {
            @Override
            public List<Object> multiGet(List<List<Object>> keys) {
                return state.multiGet(keys);
            }

            @Override
            public void multiPut(List<List<Object>> keys, List<Object> vals) {
                state.multiPut(keys, vals);
            }
        };
    }

    private static List<Object> key(String k) {
        return List.of(k);
    }

    @Test
    void stormsConstructorMakesAnOpaqueStateThatForgetsTheLeastRecentlyUsedKey() {
        LRUMemoryMapState<Long> s = new LRUMemoryMapState<>(2, UUID.randomUUID().toString());
        s.beginCommit(1L);
        s.multiPut(List.of(key("a"), key("b")), List.of(1L, 2L));
        s.commit(1L);
        s.beginCommit(2L);
        assertEquals(List.of(1L), s.multiGet(List.of(key("a"))), "a is now the most recently used");
        s.multiPut(List.of(key("c")), List.of(3L));
        s.commit(2L);
        List<Long> read = new ArrayList<>();
        read.addAll(s.multiGet(List.of(key("a"), key("b"), key("c"))));
        assertEquals(1L, read.get(0));
        assertNull(read.get(1), "b, the least recently used, was forgotten");
        assertEquals(3L, read.get(2));
        List<List<Object>> tuples = new ArrayList<>();
        s.getTuples().forEachRemaining(tuples::add);
        assertEquals(2, tuples.size(), tuples.toString());
        assertTrue(tuples.contains(List.of("c", 3L)), tuples.toString());

        s.beginCommit(3L);
        s.set(7L);
        s.commit(3L);
        assertEquals(7L, s.get(), "its single value, Snapshottable as Storm's");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachPartitionOfAFactoryHasItsOwnMapOfMaxSizeKeys() {
        LRUMemoryMapState.Factory f = new LRUMemoryMapState.Factory(1);
        MapState<Object> p0 = (MapState<Object>) f.makeState(null, null, 0, 2);
        MapState<Object> p1 = (MapState<Object>) f.makeState(null, null, 1, 2);
        p0.beginCommit(1L);
        p0.multiPut(List.of(key("a")), List.of(1L));
        p0.commit(1L);
        p1.beginCommit(1L);
        p1.multiPut(List.of(key("b")), List.of(2L));
        p1.commit(1L);
        assertNull(p1.multiGet(List.of(key("a"))).get(0), "partition 1 does not see partition 0's keys");
        assertEquals(1L, p0.multiGet(List.of(key("a"))).get(0), "one key each: neither evicted the other");
        assertEquals(2, f.size());
        assertEquals(2L, f.get(key("b")));
        assertThrows(IllegalArgumentException.class, () -> new LRUMemoryMapState.Factory(0));
    }
}
