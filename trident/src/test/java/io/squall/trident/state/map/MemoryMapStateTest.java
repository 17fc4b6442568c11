package io.squall.trident.state.map;

import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @org.junit.jupiter.api.Test
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
}
