package io.squall.metric.api.rpc;

import io.squall.metric.api.CountMetric;

/** A {@link CountMetric} a subprocess adds to: {@code params} a whole number, or none to add 1. */
public class CountShellMetric extends CountMetric implements IShellMetric {
    @Override
    public void updateMetricFromRPC(Object value) {
        if (value == null) {
            incr();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            incrBy(((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("A CountShellMetric adds a whole number; got " + value + " ("
                    + value.getClass().getSimpleName() + ")");
        }
    }
}
