package io.squall.trident.state;

import io.squall.trident.operation.CombinerAggregator;

/**
 * Combines one value into a key's stored value with a {@link CombinerAggregator}: the stored value combined with
 * the argument, or the argument alone when nothing is stored. What a grouped persistent aggregation of a combiner
 * hands a map state's {@code multiUpdate}, one per key; a custom state updater can hand it the same way.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // Storm's raw aggregator type, so Storm code passes its own as is
public class CombinerValueUpdater implements ValueUpdater<Object> {
    private final CombinerAggregator agg;
    private final Object arg;

    /** Combines {@code arg} into the stored value with {@code agg}. */
    public CombinerValueUpdater(CombinerAggregator agg, Object arg) {
        this.agg = agg;
        this.arg = arg;
    }

    /** {@code agg.combine(stored, arg)}, or {@code arg} when {@code stored} is null. */
    @Override
    public Object update(Object stored) {
        return stored == null ? arg : agg.combine(stored, arg);
    }

    /** The value this updater combines in. */
    public Object getArg() {
        return arg;
    }

    /** The aggregator that combines. */
    public CombinerAggregator getAgg() {
        return agg;
    }
}
