package io.squall.task;

import io.squall.metric.api.IMetric;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Storm v1 metrics ({@link IMetric}) that the tasks of one worker registered through
 * {@link TopologyContext#registerMetric(String, IMetric, int)}, and the value each had at the end of its last time
 * bucket. Whoever reports them (the worker's v1 metrics thread) reads {@link #registered()} and records what it read
 * with {@link #recordValue}; with no reporter, metrics are kept and never read. Thread-safe: tasks register from
 * their own threads while the reporter reads.
 */
public final class V1MetricRegistry {
    /** One task's metric, read every {@code bucketSecs}. */
    public record Registration(int taskId, String componentId, String name, IMetric metric, int bucketSecs) { }

    private final List<Registration> registered = new CopyOnWriteArrayList<>();
    private final Map<String, Object> lastValues = new ConcurrentHashMap<>();

    /**
     * Registers a task's metric, read every {@code bucketSecs}.
     *
     * @throws IllegalArgumentException if the task already has a metric of that name or the bucket is below 1 s
     */
    public <T extends IMetric> T register(int taskId, String componentId, String name, T metric, int bucketSecs) {
        if (metric == null) {
            throw new IllegalArgumentException("Metric '" + name + "' of task " + taskId + " is null");
        }
        if (bucketSecs < 1) {
            throw new IllegalArgumentException("Metric '" + name + "' of task " + taskId + " has a time bucket of "
                    + bucketSecs + " s: it must be at least 1 second");
        }
        synchronized (registered) {
            if (get(taskId, name) != null) {
                throw new IllegalArgumentException("Cannot register metric '" + name + "' of task " + taskId
                        + " twice: pick another name");
            }
            registered.add(new Registration(taskId, componentId, name, metric, bucketSecs));
        }
        return metric;
    }

    /** A task's metric by name, or null. */
    public IMetric get(int taskId, String name) {
        for (Registration r : registered) {
            if (r.taskId() == taskId && r.name().equals(name)) {
                return r.metric();
            }
        }
        return null;
    }

    /** Every registration so far, in the order made; a snapshot that later registrations do not change. */
    public List<Registration> registered() {
        return List.copyOf(registered);
    }

    /** Keeps {@code value} as what a task's metric read at the end of its last bucket. */
    public void recordValue(int taskId, String name, Object value) {
        lastValues.put(taskId + "/" + name, value);
    }

    /** The value a task's metric had at the end of its last bucket, or null. */
    public Object lastValue(int taskId, String name) {
        return lastValues.get(taskId + "/" + name);
    }
}
