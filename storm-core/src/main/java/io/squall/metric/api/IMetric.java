package io.squall.metric.api;

import java.util.Map;

/**
 * A Storm v1 metric: registered with {@code TopologyContext.registerMetric(name, metric, bucketSecs)}, read
 * and reset once per bucket, and its value sent to the topology's metrics consumers. Squall reads metrics
 * on a worker's metrics thread, not on the task's own thread, so a metric must be safe to update and read
 * concurrently; every metric class in this package is.
 */
public interface IMetric {
    /** The value since the last call, and starts afresh; null means nothing to report this bucket. */
    Object getValueAndReset();

    /**
     * Extra facts about the value (say the host or queue it measures), sent with it to the metrics consumers as its
     * data point's {@code dimensions}; read right after {@link #getValueAndReset()}. None by default.
     */
    default Map<String, String> getDimensions() {
        return Map.of();
    }
}
