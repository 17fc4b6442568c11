package io.squall.trident.state.map;

import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MemoryMapStateTest extends MapStateContract {
    @Override
    @SuppressWarnings("unchecked")
    IBackingMap<Object> newBacking() {
        MemoryMapState.Factory f = new MemoryMapState.Factory(StateType.NON_TRANSACTIONAL);
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

    @Test
    void partitionsOfOneFactoryShareTheirValues() {
        MemoryMapState.Factory f = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        @SuppressWarnings("unchecked")
        MapState<Object> a = (MapState<Object>) f.makeState(null, null, 0, 2);
        @SuppressWarnings("unchecked")
        MapState<Object> b = (MapState<Object>) f.makeState(null, null, 1, 2);
        a.beginCommit(1L);
        a.multiPut(List.of(KEY), List.of(3L));
        a.commit(1L);
        assertEquals(3L, b.multiGet(List.of(KEY)).get(0));
        assertEquals(3L, f.get(KEY));
    }

    private static List<Object> key(String k) {
        return List.of(k);
    }

    private static Object get(MapState<Object> state, String k) {
        return state.multiGet(List.of(key(k))).get(0);
    }

    @Test
    void aRemovedKeyReadsAbsentButAReplayOfItsBatchFindsItsValue() {
        MemoryMapState<Object> map = new MemoryMapState<>(UUID.randomUUID().toString());
        map.beginCommit(1L);
        map.multiPut(List.of(key("a"), key("b")), List.of(1, 2));
        map.commit(1L);
        map.beginCommit(2L);
        map.multiRemove(List.of(key("a")));
        assertNull(get(map, "a"));
        assertEquals(2, get(map, "b"));
        map.commit(2L);
        map.beginCommit(2L);
        assertEquals(1, get(map, "a"), "txid 2 is replayed: the removal it made is undone for it");
        assertEquals(2, get(map, "b"));
        map.multiRemove(List.of(key("a")));
        map.commit(2L);
        map.beginCommit(3L);
        assertNull(get(map, "a"));
        assertEquals(2, get(map, "b"));
        map.commit(3L);
        List<List<Object>> tuples = new ArrayList<>();
        map.getTuples().forEachRemaining(tuples::add);
        assertEquals(List.of(List.of("b", 2)), tuples, "the removed key left the map");
    }

    @Test
    void removalWorksForEveryStateTypeAndSparesAKeyWrittenAgain() {
        for (StateType type : StateType.values()) {
            MemoryMapState.Factory f = new MemoryMapState.Factory(type);
            @SuppressWarnings("unchecked")
            MemoryMapState<Object> map = (MemoryMapState<Object>) f.makeState(null, null, 0, 1);
            map.beginCommit(1L);
            map.multiPut(List.of(key("gone"), key("back")), List.of(1, 2));
            map.commit(1L);
            map.beginCommit(2L);
            map.multiRemove(List.of(key("gone"), key("back")));
            map.multiPut(List.of(key("back")), List.of(3));
            map.commit(2L);
            map.beginCommit(3L);
            map.commit(3L);
            assertNull(f.get(key("gone")), type.toString());
            assertEquals(3, f.get(key("back")), type + ": written again after its removal, so kept");
            assertEquals(java.util.Map.of(key("back"), 3), f.snapshot(), type.toString());
        }
    }
}
