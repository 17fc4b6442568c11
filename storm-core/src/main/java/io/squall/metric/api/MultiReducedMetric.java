package io.squall.metric.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reduced metrics by key; reports a map of each key's result (keys with a null result left out). Thread-safe. */
public class MultiReducedMetric implements IMetric {
    private final Map<String, ReducedMetric> metrics = new ConcurrentHashMap<>();
    private final IReducer<?> reducer;

    public MultiReducedMetric(IReducer<?> reducer) {
        this.reducer = reducer;
    }

    /** The metric of {@code key}, created on first use. */
    public ReducedMetric scope(String key) {
        return metrics.computeIfAbsent(key, k -> new ReducedMetric(reducer));
    }

    @Override
    public Map<String, Object> getValueAndReset() {
        Map<String, Object> out = new HashMap<>();
        metrics.forEach((k, m) -> {
            Object v = m.getValueAndReset();
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
