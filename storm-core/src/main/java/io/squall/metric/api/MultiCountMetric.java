package io.squall.metric.api;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts by key; reports a {@code Map<String, Long>} of the keys counted since the last read. Thread-safe. */
public class MultiCountMetric implements IMetric {
    private final Map<String, CountMetric> counts = new ConcurrentHashMap<>();

    public MultiCountMetric() {
    }

    /** The count of {@code key}, created on first use. */
    public CountMetric scope(String key) {
        return counts.computeIfAbsent(key, k -> new CountMetric());
    }

    @Override
    public Map<String, Object> getValueAndReset() {
        Map<String, Object> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.getValueAndReset()));
        return out;
    }
}
