package io.squall.trident.testing;

import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

/** Counts the tuples (of a batch, or a group) as an {@code Aggregator}: emits one {@code long}. */
public class CountAsAggregator extends BaseAggregator<CountAsAggregator.State> {
    private static final long serialVersionUID = 1L;

    /** The count so far. */
    public static final class State {
        long count;
    }

    @Override
    public State init(Object batchId, TridentCollector collector) {
        return new State();
    }

    @Override
    public void aggregate(State state, TridentTuple tuple, TridentCollector collector) {
        state.count++;
    }

    @Override
    public void complete(State state, TridentCollector collector) {
        collector.emit(new Values(state.count));
    }
}
