package io.squall.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's metrics-core {@link MetricRegistry}, plus the tags (component, task, executor) of each metric
 * name, so that exporters with labels (Prometheus) need not parse names. Names read
 * {@code <kind>.<tag values...>.<metric>}, e.g. {@code component.split.emitted} or
 * {@code task.split.3.acked}. Thread-safe.
 */
public final class TaggedRegistry {
    private final MetricRegistry registry = new MetricRegistry();
    private final Map<String, Tagged> tags = new ConcurrentHashMap<>();

    /** A metric's base name (without tag values) and its tags, in order. */
    public record Tagged(String base, Map<String, String> tags) { }

    /**
     * Registers a metric under {@code kind.<tag values>.metric}, or returns the metric already there.
     *
     * @param tagPairs tag names and values, alternating
     * @throws IllegalArgumentException if a metric of another type has that name
     */
    public synchronized <T extends Metric> T register(String kind, String metric, T instance, String... tagPairs) {
        Map<String, String> t = new LinkedHashMap<>();
        StringBuilder name = new StringBuilder(kind);
        for (int i = 0; i + 1 < tagPairs.length; i += 2) {
            t.put(tagPairs[i], tagPairs[i + 1]);
            name.append('.').append(tagPairs[i + 1]);
        }
        name.append('.').append(metric);
        String full = name.toString();
        Metric existing = registry.getMetrics().get(full);
        if (existing != null) {
            if (!existing.getClass().equals(instance.getClass())) {
                throw new IllegalArgumentException("A metric named '" + full + "' is already registered as a "
                        + existing.getClass().getSimpleName());
            }
            @SuppressWarnings("unchecked")
            T same = (T) existing;
            return same;
        }
        tags.put(full, new Tagged(kind + "." + metric, Collections.unmodifiableMap(t)));
        return registry.register(full, instance);
    }

    /** Removes every metric whose name starts with {@code prefix}. */
    public synchronized void removeStartingWith(String prefix) {
        registry.removeMatching((name, m) -> name.startsWith(prefix));
        tags.keySet().removeIf(name -> name.startsWith(prefix));
    }

    /** The base name and tags of a metric registered here, or null for metrics registered directly. */
    public Tagged tagsOf(String name) {
        return tags.get(name);
    }

    /** The underlying registry, for reporters. */
    public MetricRegistry registry() {
        return registry;
    }
}
