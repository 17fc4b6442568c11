package io.squall.trident.operation.builtin;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.tuple.TridentTuple;

/** Counts tuples. */
public class Count implements CombinerAggregator<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long init(TridentTuple tuple) {
        return 1L;
    }

    @Override
    public Long combine(Long val1, Long val2) {
        return val1 + val2;
    }

    @Override
    public Long zero() {
        return 0L;
    }
}
