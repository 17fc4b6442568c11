package io.squall.metric.api;

/** A metric that combines the values given to {@link #update} with an {@link ICombiner}. Thread-safe. */
public class CombinedMetric implements IMetric {
    private final ICombiner<Object> combiner;
    private Object value;

    @SuppressWarnings("unchecked")
    public CombinedMetric(ICombiner<?> combiner) {
        this.combiner = (ICombiner<Object>) combiner;
        this.value = this.combiner.identity();
    }

    /** Combines a value into this bucket. */
    public synchronized void update(Object value) {
        this.value = combiner.combine(this.value, value);
    }

    @Override
    public synchronized Object getValueAndReset() {
        Object result = value;
        value = combiner.identity();
        return result;
    }
}
