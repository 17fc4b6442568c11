package io.squall.trident.state.map;

import io.squall.trident.state.StateType;
import io.squall.trident.state.ValueUpdater;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The three map state semantics over one backing map implementation; each backend's test extends this. */
abstract class MapStateContract {
    /** A fresh, empty backing map. */
    abstract IBackingMap<Object> newBacking();

    static final List<Object> KEY = List.of("k");

    @SuppressWarnings("rawtypes")
    private static List<ValueUpdater> add(long n) {
        ValueUpdater<Long> u = stored -> stored == null ? n : stored + n;
        return List.of(u);
    }

    private static Long apply(MapState<Long> state, long txid, long n) {
        state.beginCommit(txid);
        Long v = state.multiUpdate(List.of(KEY), add(n)).get(0);
        state.commit(txid);
        return v;
    }

    @Test
    void nonTransactionalStateAppliesAReplayAgain() {
        MapState<Long> s = MapStates.build(StateType.NON_TRANSACTIONAL, newBacking(), 0);
        apply(s, 1, 5);
        apply(s, 1, 5);
        assertEquals(10L, s.multiGet(List.of(KEY)).get(0));
    }

    @Test
    void transactionalStateSkipsATxidItAlreadyApplied() {
        MapState<Long> s = MapStates.build(StateType.TRANSACTIONAL, newBacking(), 0);
        assertEquals(5L, apply(s, 1, 5));
        assertEquals(5L, apply(s, 1, 5));
        assertEquals(8L, apply(s, 2, 3));
        assertEquals(8L, s.multiGet(List.of(KEY)).get(0));
    }

    @Test
    void opaqueStateReappliesAChangedReplayOnThePreviousValue() {
        MapState<Long> s = MapStates.build(StateType.OPAQUE, newBacking(), 0);
        apply(s, 1, 5);
        apply(s, 2, 3);
        assertEquals(15L, apply(s, 2, 10));
        assertEquals(15L, s.multiGet(List.of(KEY)).get(0));
        assertEquals(16L, apply(s, 3, 1));
    }

    @Test
    void absentKeysReadAsNull() {
        MapState<Long> s = MapStates.build(StateType.OPAQUE, newBacking(), 0);
        assertNull(s.multiGet(List.of(List.of("nothing"))).get(0));
    }

    @Test
    void aCachedStateReadsItsOwnWrites() {
        IBackingMap<Object> backing = newBacking();
        MapState<Long> s = MapStates.build(StateType.TRANSACTIONAL, backing, 10);
        apply(s, 1, 4);
        apply(s, 2, 4);
        assertEquals(8L, s.multiGet(List.of(KEY)).get(0));
        MapState<Long> uncached = MapStates.build(StateType.TRANSACTIONAL, backing, 0);
        assertEquals(8L, uncached.multiGet(List.of(KEY)).get(0));
    }
}
