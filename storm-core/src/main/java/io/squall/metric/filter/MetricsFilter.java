package io.squall.metric.filter;

import io.squall.metric.api.IMetricsConsumer;

import java.io.Serializable;
import java.util.function.Predicate;

/** Which data points a metrics consumer is given (Storm's): those it {@link #apply applies} to. */
public interface MetricsFilter extends Predicate<IMetricsConsumer.DataPoint>, Serializable {
    /** Whether the consumer is given {@code dataPoint}. */
    boolean apply(IMetricsConsumer.DataPoint dataPoint);

    @Override
    default boolean test(IMetricsConsumer.DataPoint dataPoint) {
        return apply(dataPoint);
    }
}
