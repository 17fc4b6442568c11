package io.squall.metric.api;

/** A metric that folds the values given to {@link #update} with an {@link IReducer}. Thread-safe. */
public class ReducedMetric implements IMetric {
    private final IReducer<Object> reducer;
    private Object accumulator;

    @SuppressWarnings("unchecked")
    public ReducedMetric(IReducer<?> reducer) {
        this.reducer = (IReducer<Object>) reducer;
        this.accumulator = this.reducer.init();
    }

    /** Adds a value to this bucket. */
    public synchronized void update(Object value) {
        accumulator = reducer.reduce(accumulator, value);
    }

    @Override
    public synchronized Object getValueAndReset() {
        Object result = reducer.extractResult(accumulator);
        accumulator = reducer.init();
        return result;
    }
}
