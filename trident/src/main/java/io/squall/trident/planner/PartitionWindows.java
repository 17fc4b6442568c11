package io.squall.trident.planner;

import io.squall.runtime.windowing.SessionWindows;
import io.squall.runtime.windowing.WatermarkTracker;
import io.squall.runtime.windowing.WindowEngine;
import io.squall.runtime.windowing.WindowSpec;
import io.squall.trident.windowing.WindowConfig;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows of one partition of a Trident window: one {@link WindowEngine} over the whole partition, one engine
 * per group (windows by duration after {@code groupBy}), or {@link SessionWindows} per group (one group for an
 * ungrouped stream). Reads no clock: the caller passes the time. By event time the per-group forms share one
 * watermark for the partition, so a group that gets no more tuples still has its windows fired; there a tuple is late
 * only when every window (or session) that could hold it has fired. The watermark is either the one that flows from
 * spouts declared with event time ({@link #useExternalWatermarks}), or derived from the tuples: the least of the
 * partition's upstream tasks' latest timestamps, less the lag, advanced at most every watermark interval. Confined
 * to the task thread.
 *
 * @param <T> the event type
 */
abstract class PartitionWindows<T> {
    /** Where fired windows and expired events go. */
    interface Sink<T> {
        /** A window fired with {@code events} (all of one group), spanning {@code (startTs, endTs]}. */
        void fired(List<T> events, long startTs, long endTs);

        /** An event left the last window it could be in. */
        void expired(T event);
    }

    /** Adds an event that arrived at {@code nowMs} (processing time). */
    abstract void add(List<Object> key, T event, long nowMs);

    /**
     * Adds an event of time {@code ts} from upstream task {@code source} (event time).
     *
     * @return false if it is late: it was not added
     */
    abstract boolean add(List<Object> key, T event, long ts, int source);

    /** Lets time pass to {@code nowMs}, firing what is due. */
    abstract void advance(long nowMs);

    /** The watermark the windows last fired at (event time). */
    abstract long watermark();

    /**
     * From now on the caller moves the watermark ({@link #advanceWatermark}): the one that flows from the spouts
     * with the batches. A tuple is then late only when every window (or session) that could hold it has fired.
     */
    abstract void useExternalWatermarks();

    /** Event time, external watermarks: every event up to {@code w} has arrived; fires what it completes. */
    abstract void advanceWatermark(long w);

    /**
     * The end of the last window that can hold an event at {@code ts} (the window a late event missed), for windows
     * by duration; {@link Long#MIN_VALUE} for windows by count and sessions.
     */
    long lastWindowEnd(long ts) {
        return Long.MIN_VALUE;
    }

    static long lastWindowEnd(WindowSpec spec, long ts) {
        if (!spec.lengthIsDuration() || !spec.slideIsDuration()) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(ts + spec.lengthMs() - 1, spec.slideMs()) * spec.slideMs();
    }

    /** Windows of {@code config} starting at {@code startMs}, per group if {@code grouped}. */
    static <T> PartitionWindows<T> create(WindowConfig config, boolean grouped, long startMs, Sink<T> sink) {
        if (config.isSession()) {
            return new Sessions<>(config, startMs, sink);
        }
        WindowSpec spec = new WindowSpec(config.getLengthCount(), config.getLengthMs(), config.getSlideCount(),
                config.getSlideMs(), config.getTimestampField() != null, config.getLagMs(),
                config.getWatermarkIntervalMs(), config.routesLateTuples() ? "late" : null);
        return grouped ? new PerGroup<>(spec, startMs, sink) : new Whole<>(spec, startMs, sink);
    }

    /** An engine listener that passes everything to {@code sink}. */
    static <T> WindowEngine.Listener<T> listener(Sink<T> sink) {
        return new WindowEngine.Listener<>() {
            @Override
            public void onWindow(List<T> events, List<T> newEvents, List<T> expired, Long startTs, long endTs) {
                sink.fired(events, startTs == null ? Long.MIN_VALUE : startTs, endTs);
            }

            @Override
            public void onExpired(T event) {
                sink.expired(event);
            }
        };
    }

    /** The watermark of a partition, moved at most every interval. */
    private static final class Watermark {
        private final WatermarkTracker tracker;
        private final long intervalMs;
        private long nextAtMs;
        private long fired = Long.MIN_VALUE;

        Watermark(long lagMs, long intervalMs, long startMs) {
            this.tracker = new WatermarkTracker(lagMs);
            this.intervalMs = intervalMs;
            this.nextAtMs = startMs + intervalMs;
        }

        void observe(int source, long ts) {
            tracker.observe(source, ts);
        }

        /** The new watermark if the interval has passed and it advanced, else {@code Long.MIN_VALUE}. */
        long advance(long nowMs) {
            if (nowMs < nextAtMs) {
                return Long.MIN_VALUE;
            }
            nextAtMs = nowMs + intervalMs;
            long w = tracker.watermark();
            if (w <= fired) {
                return Long.MIN_VALUE;
            }
            fired = w;
            return w;
        }
    }

    /** One engine over the whole partition, with the engine's own watermark: a tuple at or behind it is late. */
    private static final class Whole<T> extends PartitionWindows<T> {
        private final WindowEngine<T> engine;

        Whole(WindowSpec spec, long startMs, Sink<T> sink) {
            engine = new WindowEngine<>(spec, startMs, listener(sink));
        }

        @Override
        void add(List<Object> key, T event, long nowMs) {
            engine.add(event, nowMs);
        }

        @Override
        boolean add(List<Object> key, T event, long ts, int source) {
            return engine.add(event, ts, source);
        }

        @Override
        void advance(long nowMs) {
            engine.advance(nowMs);
        }

        @Override
        long watermark() {
            return engine.watermark();
        }

        @Override
        void useExternalWatermarks() {
            engine.useExternalWatermarks();
        }

        @Override
        void advanceWatermark(long w) {
            engine.advanceWatermark(w);
        }

        @Override
        long lastWindowEnd(long ts) {
            return engine.lastWindowEnd(ts);
        }
    }

    /**
     * One engine per group, windows by duration. A group's engine is made at its first tuple (by processing time
     * aligned with the partition's windows, by event time at the partition's watermark) and dropped once it holds
     * nothing, so memory follows the groups with tuples in a window.
     */
    private static final class PerGroup<T> extends PartitionWindows<T> {
        private final WindowSpec spec;
        private final long startMs;
        private final WindowEngine.Listener<T> listener;
        private final Map<List<Object>, WindowEngine<T>> engines = new LinkedHashMap<>();
        private final Watermark watermark;
        private boolean external;

        PerGroup(WindowSpec spec, long startMs, Sink<T> sink) {
            this.spec = spec;
            this.startMs = startMs;
            this.listener = listener(sink);
            this.watermark = spec.eventTime() ? new Watermark(spec.lagMs(), spec.watermarkIntervalMs(), startMs) : null;
        }

        private WindowEngine<T> engine(List<Object> key, long nowMs) {
            WindowEngine<T> e = engines.get(key);
            if (e == null) {
                if (spec.eventTime()) {
                    e = new WindowEngine<>(spec, startMs, listener);
                    e.useExternalWatermarks();
                    if (watermark.fired != Long.MIN_VALUE) {
                        e.advanceWatermark(watermark.fired);
                    }
                } else {
                    // Starts at the partition's last window boundary before now, so the group's windows end where the
                    // others' do, and a tuple that arrives right at a boundary is in the window that ends there.
                    long aligned = startMs + Math.floorDiv(nowMs - startMs - 1, spec.slideMs()) * spec.slideMs();
                    e = new WindowEngine<>(spec, aligned, listener);
                }
                engines.put(key, e);
            }
            return e;
        }

        @Override
        void add(List<Object> key, T event, long nowMs) {
            engine(key, nowMs).add(event, nowMs);
        }

        @Override
        boolean add(List<Object> key, T event, long ts, int source) {
            WindowEngine<T> e = engine(key, startMs);
            if (!e.add(event, ts, source)) {
                if (e.size() == 0) {
                    engines.remove(key);
                }
                return false;
            }
            if (!external) {
                watermark.observe(source, ts);
            }
            return true;
        }

        @Override
        void advance(long nowMs) {
            long w = Long.MIN_VALUE;
            if (spec.eventTime()) {
                if (external) {
                    return;
                }
                w = watermark.advance(nowMs);
                if (w == Long.MIN_VALUE) {
                    return;
                }
            }
            fireAll(w, nowMs);
        }

        /** Moves every group's windows to watermark {@code w} (event time) or to {@code nowMs}; drops empty groups. */
        private void fireAll(long w, long nowMs) {
            for (Iterator<WindowEngine<T>> it = engines.values().iterator(); it.hasNext(); ) {
                WindowEngine<T> e = it.next();
                if (spec.eventTime()) {
                    e.advanceWatermark(w);
                } else {
                    e.advance(nowMs);
                }
                if (e.size() == 0) {
                    it.remove();
                }
            }
        }

        @Override
        long watermark() {
            return watermark == null ? Long.MIN_VALUE : watermark.fired;
        }

        @Override
        void useExternalWatermarks() {
            external = true;
        }

        @Override
        void advanceWatermark(long w) {
            if (w <= watermark.fired) {
                return;
            }
            watermark.fired = w;
            fireAll(w, Long.MIN_VALUE);
        }

        @Override
        long lastWindowEnd(long ts) {
            return lastWindowEnd(spec, ts);
        }
    }

    /** Sessions per group on the partition's watermark. */
    private static final class Sessions<T> extends PartitionWindows<T> {
        private final SessionWindows<T> sessions;
        private final Watermark watermark;
        private boolean external;

        Sessions(WindowConfig config, long startMs, Sink<T> sink) {
            sessions = new SessionWindows<>(config.getSessionGapMs(), listener(sink));
            watermark = new Watermark(config.getLagMs(), config.getWatermarkIntervalMs(), startMs);
        }

        @Override
        void add(List<Object> key, T event, long nowMs) {
            throw new IllegalStateException("Session windows are by event time: they need each tuple's timestamp");
        }

        @Override
        boolean add(List<Object> key, T event, long ts, int source) {
            if (!sessions.add(key, event, ts)) {
                return false;
            }
            if (!external) {
                watermark.observe(source, ts);
            }
            return true;
        }

        @Override
        void advance(long nowMs) {
            if (external) {
                return;
            }
            long w = watermark.advance(nowMs);
            if (w != Long.MIN_VALUE) {
                sessions.advanceWatermark(w);
            }
        }

        @Override
        long watermark() {
            return sessions.watermark();
        }

        @Override
        void useExternalWatermarks() {
            external = true;
        }

        @Override
        void advanceWatermark(long w) {
            sessions.advanceWatermark(w);
        }
    }
}
