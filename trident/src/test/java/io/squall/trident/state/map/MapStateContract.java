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

    private static Long update(MapState<Long> state, long n) {
        return state.multiUpdate(List.of(KEY), add(n)).get(0);
    }

    private static Long get(MapState<Long> state) {
        return state.multiGet(List.of(KEY)).get(0);
    }

    @Test
    void aTransactionalBatchUpdatesAKeyTwiceButItsReplayNotAtAll() {
        MapState<Long> s = MapStates.build(StateType.TRANSACTIONAL, newBacking(), 0);
        s.beginCommit(1L);
        assertEquals(1L, update(s, 1));
        assertEquals(3L, update(s, 2), "the batch's second update builds on its first");
        s.commit(1L);
        s.beginCommit(1L);
        assertEquals(3L, get(s));
        assertEquals(3L, update(s, 1), "the replayed txid was applied already");
        assertEquals(3L, update(s, 2));
        s.commit(1L);
        s.beginCommit(2L);
        assertEquals(6L, update(s, 3));
        assertEquals(7L, update(s, 1));
        s.commit(2L);
    }

    @Test
    void anOpaqueBatchReadsItsOwnWritesAndItsReplayStartsFromBeforeIt() {
        MapState<Long> s = MapStates.build(StateType.OPAQUE, newBacking(), 0);
        s.beginCommit(1L);
        assertNull(get(s));
        assertEquals(1L, update(s, 1));
        assertEquals(1L, get(s));
        assertEquals(3L, update(s, 2), "the batch's second update builds on its first");
        assertEquals(3L, get(s));
        s.commit(1L);
        s.beginCommit(1L);
        assertNull(get(s), "a replay of txid 1 reads the value from before it");
        assertEquals(2L, update(s, 2));
        s.commit(1L);
        assertEquals(2L, get(s), "outside a commit the current value reads");
        s.beginCommit(2L);
        assertEquals(2L, get(s));
        assertEquals(5L, update(s, 3));
        assertEquals(6L, update(s, 1));
        s.commit(2L);
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
