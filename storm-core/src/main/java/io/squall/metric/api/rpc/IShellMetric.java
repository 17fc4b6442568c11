package io.squall.metric.api.rpc;

import io.squall.metric.api.IMetric;

/**
 * A metric a multi-language component updates (Storm's): its Java side registers it under a name
 * ({@code context.registerMetric}), and each {@code {"command": "metrics", "name": NAME, "params": P}} its subprocess
 * sends calls {@link #updateMetricFromRPC} with {@code P}.
 */
public interface IShellMetric extends IMetric {
    /**
     * Updates the metric from a subprocess's message.
     *
     * @param value the message's {@code params}: any JSON value (a string, number, boolean, null, list or map)
     */
    @SuppressWarnings("checkstyle:AbbreviationAsWordInName")
    void updateMetricFromRPC(Object value);
}
