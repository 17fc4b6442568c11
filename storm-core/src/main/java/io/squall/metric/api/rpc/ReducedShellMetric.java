package io.squall.metric.api.rpc;

import io.squall.metric.api.IReducer;
import io.squall.metric.api.ReducedMetric;

/** A {@link ReducedMetric} a subprocess reduces its {@code params} into (a number for a {@code MeanReducer}). */
public class ReducedShellMetric extends ReducedMetric implements IShellMetric {
    public ReducedShellMetric(IReducer<?> reducer) {
        super(reducer);
    }

    @Override
    public void updateMetricFromRPC(Object value) {
        update(value);
    }
}
