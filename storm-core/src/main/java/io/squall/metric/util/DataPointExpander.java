package io.squall.metric.util;

import io.squall.metric.api.IMetricsConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Storm's {@code expandMapType} of a metrics consumer registration: a data point whose value is a map becomes one
 * data point per entry, named {@code name + metricNameSeparator + key} (with the point's dimensions); other points
 * pass as they are. Off, every point passes as it is.
 */
public class DataPointExpander implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DataPointExpander.class);

    private final boolean expandMapType;
    private final String metricNameSeparator;

    public DataPointExpander(boolean expandMapType, String metricNameSeparator) {
        this.expandMapType = expandMapType;
        this.metricNameSeparator = metricNameSeparator == null ? "." : metricNameSeparator;
    }

    /** Every data point expanded. */
    public Collection<IMetricsConsumer.DataPoint> expandDataPoints(Collection<IMetricsConsumer.DataPoint> points) {
        if (!expandMapType) {
            return points;
        }
        List<IMetricsConsumer.DataPoint> out = new ArrayList<>();
        points.forEach(p -> out.addAll(expandDataPoint(p)));
        return out;
    }

    /** One data point expanded: a map's entries, a null value dropped (and logged), another as it is. */
    public Collection<IMetricsConsumer.DataPoint> expandDataPoint(IMetricsConsumer.DataPoint point) {
        if (!expandMapType) {
            return List.of(point);
        }
        if (point.value == null) {
            LOG.warn("Data point {} has no value; dropped", point.name);
            return List.of();
        }
        if (!(point.value instanceof Map<?, ?> map)) {
            return List.of(point);
        }
        List<IMetricsConsumer.DataPoint> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> out.add(new IMetricsConsumer.DataPoint(point.name + metricNameSeparator + k, v,
                point.dimensions == null ? Map.of() : point.dimensions)));
        return out;
    }
}
