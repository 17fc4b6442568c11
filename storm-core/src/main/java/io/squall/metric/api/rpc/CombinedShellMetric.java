package io.squall.metric.api.rpc;

import io.squall.metric.api.CombinedMetric;
import io.squall.metric.api.ICombiner;

/** A {@link CombinedMetric} a subprocess combines its {@code params} into. */
public class CombinedShellMetric extends CombinedMetric implements IShellMetric {
    public CombinedShellMetric(ICombiner<?> combiner) {
        super(combiner);
    }

    @Override
    public void updateMetricFromRPC(Object value) {
        update(value);
    }
}
