package io.squall.trident.planner;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.tuple.TridentTuple;

/**
 * A combiner over partial results another combiner already produced: a tuple's value is its one field, merged
 * with the user's {@code combine}. Lets a combiner aggregation run first in each task, before the tuples move,
 * so only one partial per group and task crosses the network.
 */
final class CombinedPartials implements CombinerAggregator<Object> {
    private static final long serialVersionUID = 1L;

    private final CombinerAggregator<Object> delegate;

    @SuppressWarnings("unchecked")
    CombinedPartials(CombinerAggregator<?> delegate) {
        this.delegate = (CombinerAggregator<Object>) delegate;
    }

    @Override
    public Object init(TridentTuple tuple) {
        return tuple.getValue(0);
    }

    @Override
    public Object combine(Object val1, Object val2) {
        return delegate.combine(val1, val2);
    }

    @Override
    public Object zero() {
        return delegate.zero();
    }
}
