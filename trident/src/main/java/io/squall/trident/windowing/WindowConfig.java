package io.squall.trident.windowing;

import io.squall.config.InvalidConfigException;
import io.squall.topology.base.BaseWindowedBolt;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * The shape of a Trident window: tumbling or sliding, by count or by duration, by processing time (the time a
 * batch commits) or by event time (a tuple field in epoch milliseconds, with a lag and a watermark that advances
 * as batches commit); or sessions by event time ({@link #session}). Late tuples are counted and dropped unless
 * {@link #withLateTupleStream} routes them to the window's late-tuple stream. Immutable.
 */
public final class WindowConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int lengthCount;
    private final long lengthMs;
    private final int slideCount;
    private final long slideMs;
    private final String timestampField;
    private final long lagMs;
    private final long watermarkIntervalMs;
    private final boolean lateTupleStream;
    private final long sessionGapMs;

    private WindowConfig(int lengthCount, long lengthMs, int slideCount, long slideMs, String timestampField,
                         long lagMs, long watermarkIntervalMs, boolean lateTupleStream) {
        this(lengthCount, lengthMs, slideCount, slideMs, timestampField, lagMs, watermarkIntervalMs, lateTupleStream,
                0);
    }

    private WindowConfig(int lengthCount, long lengthMs, int slideCount, long slideMs, String timestampField,
                         long lagMs, long watermarkIntervalMs, boolean lateTupleStream, long sessionGapMs) {
        this.lengthCount = lengthCount;
        this.lengthMs = lengthMs;
        this.slideCount = slideCount;
        this.slideMs = slideMs;
        this.timestampField = timestampField;
        this.lagMs = lagMs;
        this.watermarkIntervalMs = watermarkIntervalMs;
        this.lateTupleStream = lateTupleStream;
        this.sessionGapMs = sessionGapMs;
        check();
    }

    /** Checks the shape as the window engine will; the message names what is wrong. */
    private void check() {
        if (sessionGapMs > 0) {
            if (lengthCount != 0 || lengthMs != 0 || slideCount != 0 || slideMs != 0) {
                throw new InvalidConfigException("A session window has a gap and no length or sliding interval");
            }
        } else if ((lengthCount > 0) == (lengthMs > 0)) {
            throw new InvalidConfigException("A window needs exactly one length, a count or a duration, but got count="
                    + lengthCount + ", duration=" + lengthMs + " ms");
        } else if ((slideCount > 0) == (slideMs > 0)) {
            throw new InvalidConfigException("A window needs exactly one sliding interval, a count or a duration, but "
                    + "got count=" + slideCount + ", duration=" + slideMs + " ms");
        }
        if (lagMs < 0 || watermarkIntervalMs < 1) {
            throw new InvalidConfigException("A window's lag must be >= 0 and its watermark interval >= 1 ms, but got "
                    + "lag=" + lagMs + " ms, interval=" + watermarkIntervalMs + " ms");
        }
    }

    /** Windows of {@code count} tuples, one after the other. */
    public static WindowConfig tumbling(BaseWindowedBolt.Count count) {
        return new WindowConfig(count.value, 0, count.value, 0, null, 0, 1, false);
    }

    /** Windows of the last {@code length} tuples, every {@code slide} tuples. */
    public static WindowConfig sliding(BaseWindowedBolt.Count length, BaseWindowedBolt.Count slide) {
        return new WindowConfig(length.value, 0, slide.value, 0, null, 0, 1, false);
    }

    /** Windows of {@code length}, one after the other. */
    public static WindowConfig tumbling(BaseWindowedBolt.Duration length) {
        return new WindowConfig(0, length.value, 0, length.value, null, 0, 1, false);
    }

    /** Windows of the last {@code length}, every {@code slide}. */
    public static WindowConfig sliding(BaseWindowedBolt.Duration length, BaseWindowedBolt.Duration slide) {
        return new WindowConfig(0, length.value, 0, slide.value, null, 0, 1, false);
    }

    /**
     * Sessions by event time: the tuples of a partition (of each group, after {@code groupBy}) belong to one
     * session while each comes less than {@code gap} after the one before; a session fires once, when the
     * watermark passes its last tuple plus the gap, and a tuple that bridges two sessions merges them. Needs
     * {@link #withTimestampField}.
     */
    public static WindowConfig session(BaseWindowedBolt.Duration gap) {
        if (gap == null || gap.value < 1) {
            throw new InvalidConfigException("A session gap must be at least 1 ms, got "
                    + (gap == null ? "null" : gap.value + " ms"));
        }
        return new WindowConfig(0, 0, 0, 0, null, 0, 1, false, gap.value);
    }

    /** The same windows as one of Storm's window config classes ({@code TumblingCountWindow.of(100)}, ...). */
    public static WindowConfig of(io.squall.trident.windowing.config.WindowConfig config) {
        int length = config.getWindowLength();
        int slide = config.getSlidingLength();
        return switch (config.getWindowType()) {
            case TUMBLING_COUNT -> tumbling(BaseWindowedBolt.Count.of(length));
            case SLIDING_COUNT -> sliding(BaseWindowedBolt.Count.of(length), BaseWindowedBolt.Count.of(slide));
            case TUMBLING_DURATION -> tumbling(new BaseWindowedBolt.Duration(length, TimeUnit.MILLISECONDS));
            case SLIDING_DURATION -> sliding(new BaseWindowedBolt.Duration(length, TimeUnit.MILLISECONDS),
                    new BaseWindowedBolt.Duration(slide, TimeUnit.MILLISECONDS));
        };
    }

    /** Places tuples by the epoch milliseconds in {@code field} (a Long) instead of by when their batch commits. */
    public WindowConfig withTimestampField(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("The timestamp field must be named, got '" + field + "'");
        }
        return new WindowConfig(lengthCount, lengthMs, slideCount, slideMs, field, lagMs, watermarkIntervalMs,
                lateTupleStream, sessionGapMs);
    }

    /** Event time: how far out of order tuples may arrive before they count as late. */
    public WindowConfig withLag(BaseWindowedBolt.Duration lag) {
        return new WindowConfig(lengthCount, lengthMs, slideCount, slideMs, timestampField, lag.value,
                watermarkIntervalMs, lateTupleStream, sessionGapMs);
    }

    /** Event time: advance the watermark at most this often (default: at every batch). */
    public WindowConfig withWatermarkInterval(BaseWindowedBolt.Duration interval) {
        return new WindowConfig(lengthCount, lengthMs, slideCount, slideMs, timestampField, lagMs, interval.value,
                lateTupleStream, sessionGapMs);
    }

    /** Event time: send late tuples to the window's late-tuple stream instead of dropping them. */
    public WindowConfig withLateTupleStream() {
        return new WindowConfig(lengthCount, lengthMs, slideCount, slideMs, timestampField, lagMs,
                watermarkIntervalMs, true, sessionGapMs);
    }

    /** The timestamp field, or null for processing time. */
    public String getTimestampField() {
        return timestampField;
    }

    /** Whether late tuples go to the late-tuple stream. */
    public boolean routesLateTuples() {
        return lateTupleStream;
    }

    /** The session gap in milliseconds, or 0 if these are not session windows. */
    public long getSessionGapMs() {
        return sessionGapMs;
    }

    /** Whether these are session windows ({@link #session}). */
    public boolean isSession() {
        return sessionGapMs > 0;
    }

    /** The window's length in tuples, or 0 if it is a duration. */
    public int getLengthCount() {
        return lengthCount;
    }

    /** The window's length in milliseconds, or 0 if it is a count. */
    public long getLengthMs() {
        return lengthMs;
    }

    /** How many tuples the window slides by, or 0 if it slides by a duration. */
    public int getSlideCount() {
        return slideCount;
    }

    /** How many milliseconds the window slides by, or 0 if it slides by a count. */
    public long getSlideMs() {
        return slideMs;
    }

    /** How far out of order event times may arrive, in milliseconds. */
    public long getLagMs() {
        return lagMs;
    }

    /** How often the event-time watermark advances, in milliseconds. */
    public long getWatermarkIntervalMs() {
        return watermarkIntervalMs;
    }

    @Override
    public String toString() {
        if (sessionGapMs > 0) {
            return "sessions with a gap of " + sessionGapMs + " ms"
                    + (timestampField == null ? "" : " by event time, lag " + lagMs + " ms by " + timestampField);
        }
        String length = lengthMs > 0 ? lengthMs + " ms" : lengthCount + " tuples";
        String slide = slideMs > 0 ? slideMs + " ms" : slideCount + " tuples";
        return "window of " + length + " every " + slide
                + (timestampField == null ? "" : " by event time, lag " + lagMs + " ms" + " by " + timestampField);
    }
}
