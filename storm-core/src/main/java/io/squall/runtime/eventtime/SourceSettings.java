package io.squall.runtime.eventtime;

import io.squall.config.ConfigKeys;
import io.squall.spout.IEventTimeSpout;
import io.squall.spout.IPartitionedSpout;
import io.squall.tuple.Fields;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads a spout's event-time declaration from its component configuration. */
public final class SourceSettings {
    private SourceSettings() {
    }

    /**
     * The event-time settings of {@code spout} from its configuration, or null if it has no event time. An
     * {@link IPartitionedSpout} gets a watermark per partition.
     *
     * @throws IllegalArgumentException if the spout has event time without a field and does not compute it
     */
    public static SourceWatermarks.Settings of(Object spout, String componentId, Map<String, Object> conf) {
        Object maxOutOfOrder = conf.get(ConfigKeys.TOPOLOGY_SPOUT_MAX_OUT_OF_ORDER_MS.name());
        if (maxOutOfOrder == null) {
            return null;
        }
        Object field = conf.get(ConfigKeys.TOPOLOGY_SPOUT_EVENT_TIME_FIELD.name());
        SourceWatermarks.Extractor extractor;
        if (field != null) {
            extractor = fieldExtractor(componentId, (String) field);
        } else if (spout instanceof IEventTimeSpout s) {
            extractor = (stream, fields, values) -> s.getEventTime(stream, values);
        } else {
            throw new IllegalArgumentException("Spout '" + componentId + "' has event time but neither a timestamp "
                    + "field nor a way to compute it: declare it with withEventTime(field, maxOutOfOrder) or make "
                    + spout.getClass().getName() + " implement IEventTimeSpout");
        }
        Object interval = conf.get(ConfigKeys.TOPOLOGY_SPOUT_WATERMARK_INTERVAL_MS.name());
        SourceWatermarks.Partitions partitions = null;
        if (spout instanceof IPartitionedSpout p) {
            partitions = new SourceWatermarks.Partitions() {
                @Override
                public Object current() {
                    return p.getCurrentPartition();
                }

                @Override
                public Collection<?> all() {
                    return p.getPartitions();
                }

                @Override
                public boolean hasBacklog(Object partition) {
                    return p.hasBacklog(partition);
                }
            };
        }
        return new SourceWatermarks.Settings(extractor, BoltWatermarks.longValue(maxOutOfOrder),
                interval == null ? (Long) ConfigKeys.TOPOLOGY_SPOUT_WATERMARK_INTERVAL_MS.defaultValue()
                        : BoltWatermarks.longValue(interval),
                BoltWatermarks.longValue(conf.get(ConfigKeys.TOPOLOGY_WATERMARK_IDLE_TIMEOUT_MS.name())), partitions);
    }

    private static SourceWatermarks.Extractor fieldExtractor(String componentId, String field) {
        return (String stream, Fields fields, List<Object> values) -> {
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("Spout '" + componentId + "' emits on stream '" + stream
                        + "' without its event-time field '" + field + "' (fields " + fields + ")");
            }
            Object v = values.get(fields.fieldIndex(field));
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("Spout '" + componentId + "' emitted event-time field '" + field
                        + "' as " + v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")")
                        + ": it must be a number of epoch milliseconds");
            }
            return n.longValue();
        };
    }
}
