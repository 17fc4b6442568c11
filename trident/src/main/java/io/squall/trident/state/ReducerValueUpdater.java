package io.squall.trident.state;

import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/**
 * Reduces a batch's tuples of one key into its stored value with a {@link ReducerAggregator}: starting from the
 * stored value, or from {@code init()} when nothing is stored, each tuple in order. What a grouped persistent
 * aggregation of a reducer hands a map state's {@code multiUpdate}, one per key.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // Storm's raw aggregator type, so Storm code passes its own as is
public class ReducerValueUpdater implements ValueUpdater<Object> {
    private final ReducerAggregator agg;
    private final List<TridentTuple> tuples;

    /** Reduces {@code tuples} into the stored value with {@code agg}; the list is read when the update runs. */
    public ReducerValueUpdater(ReducerAggregator agg, List<TridentTuple> tuples) {
        this.agg = agg;
        this.tuples = tuples;
    }

    /** The stored value (or {@code agg.init()} when null) reduced with each tuple. */
    @Override
    public Object update(Object stored) {
        Object ret = stored == null ? agg.init() : stored;
        for (TridentTuple t : tuples) {
            ret = agg.reduce(ret, t);
        }
        return ret;
    }
}
