package io.squall.topology.base;

import io.squall.config.ConfigKeys;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IWindowedBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.windowing.TimestampExtractor;
import io.squall.windowing.TupleFieldTimestampExtractor;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A windowed bolt to extend: choose the window with one of the {@code withWindow} or
 * {@code withTumblingWindow} methods, optionally event time ({@link #withTimestampField},
 * {@link #withLag}, {@link #withWatermarkInterval}, {@link #withLateTupleStream}), and implement
 * {@code execute(TupleWindow)}. The choices become the component's configuration.
 */
public abstract class BaseWindowedBolt implements IWindowedBolt {
    private static final long serialVersionUID = 1L;

    /** The window's configuration, which becomes the component's (protected, as in Storm). */
    protected final Map<String, Object> windowConfiguration = new HashMap<>();
    private TimestampExtractor timestampExtractor;

    /** A window length or sliding interval as a number of tuples. */
    public static final class Count implements Serializable {
        private static final long serialVersionUID = 1L;
        public final int value;

        /** {@code value} tuples; at least 1. */
        public Count(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("A window count must be at least 1, but got " + value);
            }
            this.value = value;
        }

        /** {@code value} tuples. */
        public static Count of(int value) {
            return new Count(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Count c && c.value == value;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(value);
        }

        @Override
        public String toString() {
            return "Count{" + value + "}";
        }
    }

    /** A window length, sliding interval, lag or watermark interval as a duration, in milliseconds. */
    public static final class Duration implements Serializable {
        private static final long serialVersionUID = 1L;
        public final int value;

        /** {@code value} of {@code unit}; at least 1 ms and at most about 24 days. */
        public Duration(int value, TimeUnit unit) {
            long ms = unit.toMillis(value);
            if (ms < 1 || ms > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A window duration must be between 1 ms and " + Integer.MAX_VALUE
                        + " ms, but got " + value + " " + unit.name().toLowerCase());
            }
            this.value = (int) ms;
        }

        /** {@code milliseconds} ms. */
        public static Duration of(int milliseconds) {
            return new Duration(milliseconds, TimeUnit.MILLISECONDS);
        }

        public static Duration days(int days) {
            return new Duration(days, TimeUnit.DAYS);
        }

        public static Duration hours(int hours) {
            return new Duration(hours, TimeUnit.HOURS);
        }

        public static Duration minutes(int minutes) {
            return new Duration(minutes, TimeUnit.MINUTES);
        }

        public static Duration seconds(int seconds) {
            return new Duration(seconds, TimeUnit.SECONDS);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Duration d && d.value == value;
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(value);
        }

        @Override
        public String toString() {
            return "Duration{" + value + " ms}";
        }
    }

    private BaseWindowedBolt length(Object length) {
        Objects.requireNonNull(length, "window length");
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_SESSION_GAP_MS.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS.name());
        if (length instanceof Count c) {
            windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT.name(), c.value);
        } else {
            windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS.name(), (long) ((Duration) length).value);
        }
        return this;
    }

    private BaseWindowedBolt slide(Object interval) {
        Objects.requireNonNull(interval, "sliding interval");
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS.name());
        if (interval instanceof Count c) {
            windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT.name(), c.value);
        } else {
            windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS.name(),
                    (long) ((Duration) interval).value);
        }
        return this;
    }

    /** A window of the last {@code windowLength} tuples, firing every {@code slidingInterval} tuples. */
    public BaseWindowedBolt withWindow(Count windowLength, Count slidingInterval) {
        return length(windowLength).slide(slidingInterval);
    }

    /** A window of the last {@code windowLength} tuples, firing every {@code slidingInterval}. */
    public BaseWindowedBolt withWindow(Count windowLength, Duration slidingInterval) {
        return length(windowLength).slide(slidingInterval);
    }

    /** A window of the tuples of the last {@code windowLength}, firing every {@code slidingInterval} tuples. */
    public BaseWindowedBolt withWindow(Duration windowLength, Count slidingInterval) {
        return length(windowLength).slide(slidingInterval);
    }

    /** A window of the tuples of the last {@code windowLength}, firing every {@code slidingInterval}. */
    public BaseWindowedBolt withWindow(Duration windowLength, Duration slidingInterval) {
        return length(windowLength).slide(slidingInterval);
    }

    /** A window of the last {@code windowLength} tuples, firing at every tuple. */
    public BaseWindowedBolt withWindow(Count windowLength) {
        return withWindow(windowLength, Count.of(1));
    }

    /** A window of the tuples of the last {@code windowLength}, firing at every tuple. */
    public BaseWindowedBolt withWindow(Duration windowLength) {
        return withWindow(windowLength, Count.of(1));
    }

    /** Consecutive windows of {@code count} tuples each. */
    public BaseWindowedBolt withTumblingWindow(Count count) {
        return withWindow(count, count);
    }

    /** Consecutive windows of {@code duration} each. */
    public BaseWindowedBolt withTumblingWindow(Duration duration) {
        return withWindow(duration, duration);
    }

    /** Windows by event time, read from the {@code long} field {@code fieldName} (milliseconds). */
    public BaseWindowedBolt withTimestampField(String fieldName) {
        return withTimestampExtractor(TupleFieldTimestampExtractor.of(fieldName));
    }

    /** Windows by event time, read by {@code extractor}. */
    public BaseWindowedBolt withTimestampExtractor(TimestampExtractor extractor) {
        this.timestampExtractor = Objects.requireNonNull(extractor, "timestamp extractor");
        return this;
    }

    /**
     * Session windows by event time, per key: the tuples with equal values of {@code keyFields} (all tuples,
     * without fields) form a session while each comes less than {@code gap} after the one before; the session
     * fires once, when the watermark passes its last tuple plus the gap, with start = its first tuple's time
     * and end = its last tuple's time plus the gap. Needs a timestamp field or extractor; replaces any other
     * window.
     */
    public BaseWindowedBolt withSessionWindow(Duration gap, String... keyFields) {
        Objects.requireNonNull(gap, "session gap");
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT.name());
        windowConfiguration.remove(ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS.name());
        windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_SESSION_GAP_MS.name(), (long) gap.value);
        if (keyFields.length > 0) {
            windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_SESSION_KEY_FIELDS.name(), java.util.List.of(keyFields));
        }
        return this;
    }

    /**
     * Windows by event time and duration: a tuple that arrives after its window fired, but less than
     * {@code lateness} (of event time, by the watermark) after the window's end, is added and the window fires
     * again, with {@code getNew()} holding the tuple; only after that is a tuple late.
     */
    public BaseWindowedBolt withAllowedLateness(Duration lateness) {
        Objects.requireNonNull(lateness, "allowed lateness");
        windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_ALLOWED_LATENESS_MS.name(), (long) lateness.value);
        return this;
    }

    /**
     * An input task (an upstream task) that sent no tuple and no new watermark for {@code timeout} of processing
     * time stops holding this bolt's watermark back, until it sends again. Without it, the watermark waits for
     * every input task the topology declares.
     */
    public BaseWindowedBolt withIdleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "idle timeout");
        windowConfiguration.put(ConfigKeys.TOPOLOGY_WATERMARK_IDLE_TIMEOUT_MS.name(), (long) timeout.value);
        return this;
    }

    @Override
    public TimestampExtractor getTimestampExtractor() {
        return timestampExtractor;
    }

    /**
     * Emits tuples that arrive too late for their window on stream {@code streamId} (one field,
     * {@code "late_tuple"}, holding a {@link io.squall.windowing.LateTuple}) instead of logging and dropping
     * them. Needs event time.
     */
    public BaseWindowedBolt withLateTupleStream(String streamId) {
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("The late-tuple stream id must be a non-empty string");
        }
        windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_LATE_TUPLE_STREAM.name(), streamId);
        return this;
    }

    /** How far out of order event times may arrive before a tuple counts as late; default 0. */
    public BaseWindowedBolt withLag(Duration duration) {
        windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_MAX_LAG_MS.name(), (long) duration.value);
        return this;
    }

    /** How often the watermark advances and event-time windows fire; default 1 s. */
    public BaseWindowedBolt withWatermarkInterval(Duration interval) {
        windowConfiguration.put(ConfigKeys.TOPOLOGY_BOLTS_WATERMARK_EVENT_INTERVAL_MS.name(), (long) interval.value);
        return this;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
    }

    @Override
    public void cleanup() {
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return windowConfiguration;
    }
}
