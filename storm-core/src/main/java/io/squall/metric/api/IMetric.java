package io.squall.metric.api;

/**
 * A Storm v1 metric: registered with {@code TopologyContext.registerMetric(name, metric, bucketSecs)}, read
 * and reset once per bucket, and its value sent to the topology's metrics consumers. Squall reads metrics
 * on a worker's metrics thread, not on the task's own thread, so a metric must be safe to update and read
 * concurrently; every metric class in this package is.
 */
public interface IMetric {
    /** The value since the last call, and starts afresh; null means nothing to report this bucket. */
    Object getValueAndReset();
}
