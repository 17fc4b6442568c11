package io.squall.metric.api;

/** A value set by the task and reported as it is (not reset). Thread-safe. */
public class AssignableMetric implements IMetric {
    private volatile Object value;

    public AssignableMetric(Object value) {
        this.value = value;
    }

    /** Sets the value reported from now on. */
    public void setValue(Object value) {
        this.value = value;
    }

    @Override
    public Object getValueAndReset() {
        return value;
    }
}
