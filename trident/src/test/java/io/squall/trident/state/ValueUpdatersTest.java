package io.squall.trident.state;

import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.state.map.MapState;
import io.squall.trident.state.map.MapStates;
import io.squall.trident.testing.MemoryBackingMap;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ValueUpdatersTest {
    @Test
    void aCombinerUpdaterCombinesItsArgumentIntoTheStoredValue() {
        Sum sum = new Sum();
        CombinerValueUpdater u = new CombinerValueUpdater(sum, 5L);
        assertEquals(5L, u.update(null), "nothing stored: the argument");
        assertEquals(12L, ((Number) u.update(7L)).longValue());
        assertEquals(5L, u.getArg());
        assertSame(sum, u.getAgg());
    }

    @Test
    void aReducerUpdaterReducesItsTuplesFromTheStoredValueOrInit() {
        ReducerAggregator<Long> count = new ReducerAggregator<>() {
            @Override
            public Long init() {
                return 100L;
            }

            @Override
            public Long reduce(Long curr, TridentTuple tuple) {
                return curr + tuple.getLong(0);
            }
        };
        Fields n = new Fields("n");
        List<TridentTuple> tuples = List.of(TridentTupleView.createFreshTuple(n, 1L),
                TridentTupleView.createFreshTuple(n, 2L));
        ReducerValueUpdater u = new ReducerValueUpdater(count, tuples);
        assertEquals(103L, u.update(null), "nothing stored: init, then each tuple");
        assertEquals(13L, u.update(10L));
    }

    @Test
    void mapStatesAcceptTheUpdatersAsStormCodeHandsThem() {
        MapState<Object> state = MapStates.build(StateType.TRANSACTIONAL, new MemoryBackingMap<>(), 0);
        state.beginCommit(1L);
        @SuppressWarnings("rawtypes")
        List<ValueUpdater> updaters = List.of(new CombinerValueUpdater(new Count(), 3L));
        assertEquals(3L, state.multiUpdate(List.of(List.of("k")), updaters).get(0));
        assertEquals(7L, ((Number) state.multiUpdate(List.of(List.of("k")),
                List.of(new CombinerValueUpdater(new Count(), 4L))).get(0)).longValue());
        state.commit(1L);
    }
}
