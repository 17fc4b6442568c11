package io.squall.runtime.windowing;

import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;

import java.util.Map;

/**
 * The shape of a window: its length and sliding interval (each a count of events or a duration), and for
 * windows by event time the allowed lag, the watermark interval and where late events go. Read from a
 * windowed component's configuration ({@link #from}), where {@code BaseWindowedBolt} puts it.
 *
 * @param lengthCount         the window length in events, or 0 if the length is a duration
 * @param lengthMs            the window length in milliseconds, or 0 if the length is a count
 * @param slideCount          fires every this many events, or 0 if the slide is a duration
 * @param slideMs             fires every this many milliseconds, or 0 if the slide is a count
 * @param eventTime           whether events are placed by their own timestamps (else by arrival time)
 * @param lagMs               event time: how far out of order events may arrive
 * @param watermarkIntervalMs event time: how often the watermark advances
 * @param lateTupleStream     event time: the stream late tuples go to, or null to log, count and drop them
 */
public record WindowSpec(int lengthCount, long lengthMs, int slideCount, long slideMs, boolean eventTime, long lagMs,
                         long watermarkIntervalMs, String lateTupleStream) {

    /** Checks the shape; the message names what is wrong. */
    public WindowSpec {
        if ((lengthCount > 0) == (lengthMs > 0)) {
            throw new InvalidConfigException("A window needs exactly one length, a count or a duration, but got count="
                    + lengthCount + ", duration=" + lengthMs + " ms");
        }
        if ((slideCount > 0) == (slideMs > 0)) {
            throw new InvalidConfigException("A window needs exactly one sliding interval, a count or a duration, but "
                    + "got count=" + slideCount + ", duration=" + slideMs + " ms");
        }
        if (lagMs < 0 || watermarkIntervalMs < 1) {
            throw new InvalidConfigException("A window's lag must be >= 0 and its watermark interval >= 1 ms, but got lag="
                    + lagMs + " ms, interval=" + watermarkIntervalMs + " ms");
        }
    }

    /** Whether the window is given by a duration (else by a count). */
    public boolean lengthIsDuration() {
        return lengthMs > 0;
    }

    /** Whether the window fires every duration (else every count of events). */
    public boolean slideIsDuration() {
        return slideMs > 0;
    }

    /** Whether consecutive windows share no event. */
    public boolean tumbling() {
        return lengthIsDuration() && slideIsDuration() ? slideMs >= lengthMs
                : !lengthIsDuration() && !slideIsDuration() && slideCount >= lengthCount;
    }

    /**
     * About the longest an event stays in the window before it is acked, in milliseconds: the window's
     * length if it is a duration (an event leaves with the last window that ends within a length of it),
     * else the sliding interval if that is a duration; for event time, plus the lag and the watermark
     * interval. 0 when both are counts: then it depends on how fast events arrive.
     */
    public long maxHoldMs() {
        long hold = lengthIsDuration() ? lengthMs : slideMs;
        if (hold == 0) {
            return 0;
        }
        return eventTime ? hold + lagMs + watermarkIntervalMs : hold;
    }

    /** Whether a component configuration declares a window. */
    public static boolean isWindowed(Map<String, Object> conf) {
        return conf.get(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT.name()) != null
                || conf.get(ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS.name()) != null
                || conf.get(ConfigKeys.TOPOLOGY_BOLTS_SESSION_GAP_MS.name()) != null;
    }

    /** The session gap of a component's windows in ms, or 0 if they are not session windows. */
    public static long sessionGapMs(Map<String, Object> conf) {
        return number(conf, ConfigKeys.TOPOLOGY_BOLTS_SESSION_GAP_MS);
    }

    /**
     * Reads the window of a component from its configuration.
     *
     * @param eventTime whether the component places events by their timestamps
     * @throws InvalidConfigException naming the key that is missing or wrong
     */
    public static WindowSpec from(Map<String, Object> conf, boolean eventTime) {
        int lengthCount = (int) number(conf, ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT);
        long lengthMs = number(conf, ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS);
        int slideCount = (int) number(conf, ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT);
        long slideMs = number(conf, ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS);
        if (slideCount == 0 && slideMs == 0) {
            slideCount = 1; // As in Storm: a window with no sliding interval slides by every tuple.
        }
        long gap = sessionGapMs(conf);
        if (gap > 0) {
            if (!eventTime) {
                throw new InvalidConfigException("Session windows (gap " + gap + " ms) need event time: set a "
                        + "timestamp field or extractor");
            }
            lengthCount = 0;
            lengthMs = gap; // A session is at least a gap long; its tuples are held until it closes.
            slideCount = 0;
            slideMs = gap;
        }
        Object late = conf.get(ConfigKeys.TOPOLOGY_BOLTS_LATE_TUPLE_STREAM.name());
        if (late != null && !eventTime) {
            throw new InvalidConfigException("A late-tuple stream ('" + late + "') needs a window by event time: set a "
                    + "timestamp field or extractor, or remove the late-tuple stream");
        }
        return new WindowSpec(lengthCount, lengthMs, slideCount, slideMs, eventTime,
                number(conf, ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_MAX_LAG_MS),
                number(conf, ConfigKeys.TOPOLOGY_BOLTS_WATERMARK_EVENT_INTERVAL_MS), (String) late);
    }

    /**
     * Checks that tuples held in the window are acked before their trees time out, and that a window by
     * count can fill before the spouts stop at max.spout.pending.
     *
     * @param ackingOn          whether tuple trees are tracked
     * @param timeoutSecs       topology.message.timeout.secs, or 0 when timeouts are off
     * @param maxSpoutPending   topology.max.spout.pending, or 0 when unlimited
     * @throws InvalidConfigException saying which limit the window exceeds and by how much
     */
    public void checkFits(String componentId, boolean ackingOn, int timeoutSecs, int maxSpoutPending) {
        if (!ackingOn) {
            return;
        }
        long hold = maxHoldMs();
        // By event time, the runner resets the timeouts of the tuples it holds: how long it holds them depends on
        // how fast event time passes (a replay of history runs many times faster than the clock), not on the window.
        if (timeoutSecs > 0 && !eventTime && hold > timeoutSecs * 1000L) {
            throw new InvalidConfigException("Windowed bolt '" + componentId + "' may hold a tuple for " + hold
                    + " ms (" + describeHold() + "), longer than topology.message.timeout.secs = " + timeoutSecs
                    + " s: its tuples would time out and be replayed. Raise topology.message.timeout.secs to at least "
                    + (hold + 999) / 1000 + " or shorten the window");
        }
        long count = (lengthIsDuration() ? 0 : lengthCount) + (slideIsDuration() ? 0 : slideCount);
        if (!lengthIsDuration() && maxSpoutPending > 0 && count > maxSpoutPending) {
            throw new InvalidConfigException("Windowed bolt '" + componentId + "' needs " + count + " tuples (window "
                    + "length + sliding interval) before it acks any, more than topology.max.spout.pending = "
                    + maxSpoutPending + ": the spouts would stop before the window fills. Raise "
                    + "topology.max.spout.pending or shorten the window");
        }
    }

    private String describeHold() {
        String b = lengthIsDuration() ? "window " + lengthMs + " ms" : "sliding interval " + slideMs + " ms";
        return eventTime ? b + " + lag " + lagMs + " ms + watermark interval " + watermarkIntervalMs + " ms" : b;
    }

    private static long number(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.get(key.name());
        if (v == null) {
            v = key.defaultValue();
        }
        if (v == null) {
            return 0;
        }
        String error = key.check(v);
        if (error != null) {
            throw new InvalidConfigException(error);
        }
        return ((Number) v).longValue();
    }

    @Override
    public String toString() {
        String length = lengthIsDuration() ? lengthMs + " ms" : lengthCount + " tuples";
        String slide = slideIsDuration() ? slideMs + " ms" : slideCount + " tuples";
        return "window of " + length + " every " + slide + (eventTime ? " by event time, lag " + lagMs + " ms" : "");
    }
}
