package io.squall.metric.api.rpc;

import io.squall.metric.api.AssignableMetric;

/** An {@link AssignableMetric} a subprocess sets to its {@code params}. */
public class AssignableShellMetric extends AssignableMetric implements IShellMetric {
    public AssignableShellMetric(Object value) {
        super(value);
    }

    @Override
    public void updateMetricFromRPC(Object value) {
        setValue(value);
    }
}
