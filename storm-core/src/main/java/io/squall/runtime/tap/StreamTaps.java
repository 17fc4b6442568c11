package io.squall.runtime.tap;

import io.squall.utils.Clock;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The taps of one worker: a {@link TapPoint} for every output stream of every component, made when the worker
 * starts, and the taps open on them. Opening and closing is the control plane (the dashboard in local mode, the
 * metrics reporter in a cluster); emitting executors only read their points.
 *
 * <p>Threads: thread-safe; {@link #point} is lock-free, the rest locks this object.
 */
public final class StreamTaps {
    /** The highest rate a tap may ask for: the dashboard shows tuples to people, not to programs. */
    public static final int MAX_PER_SEC = 1000;

    private final Clock clock;
    private final Map<TapKey, TapPoint> points;
    private final Map<String, Set<String>> streams;
    private final Map<TapKey, StreamTap> open = new LinkedHashMap<>();
    /** The event samplers set while components are debugged, by stream. */
    private final Map<TapKey, EventSampler> sampling = new LinkedHashMap<>();

    /**
     * The taps of a worker whose components declare {@code streams}.
     *
     * @param streams the output stream ids of each component
     */
    public StreamTaps(Clock clock, Map<String, Set<String>> streams) {
        this.clock = clock;
        Map<TapKey, TapPoint> p = new HashMap<>();
        Map<String, Set<String>> s = new HashMap<>();
        streams.forEach((component, ids) -> {
            s.put(component, Collections.unmodifiableSet(new TreeSet<>(ids)));
            ids.forEach(id -> p.put(new TapKey(component, id), new TapPoint()));
        });
        this.points = Map.copyOf(p);
        this.streams = Map.copyOf(s);
    }

    /** The point of a stream, or a point that is never opened for a stream not declared. Executor setup. */
    public TapPoint point(String component, String stream) {
        TapPoint p = points.get(new TapKey(component, stream));
        return p != null ? p : new TapPoint();
    }

    /**
     * Opens a tap on a stream, or returns the one open there if it has the same rate (a different rate replaces
     * it).
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown component or stream, a bad rate
     */
    public synchronized StreamTap open(TapKey key, int maxPerSec) {
        check(streams, key, maxPerSec);
        StreamTap tap = open.get(key);
        if (tap == null || tap.maxPerSec() != maxPerSec) {
            tap = new StreamTap(clock, maxPerSec);
            open.put(key, tap);
            points.get(key).set(tap);
        }
        return tap;
    }

    /**
     * Samples the streams of the components debugged at their percentages ({@code ""}: every component, unless it has
     * its own; 0: stopped, see {@link DebugState#percents()}), and stops sampling the others; a stream whose
     * percentage is unchanged keeps its sampler.
     */
    public synchronized void sampleEvents(Map<String, Double> percentByComponent) {
        points.forEach((key, point) -> {
            Double percent = DebugState.percentFor(percentByComponent, key.component());
            EventSampler now = sampling.get(key);
            if (percent == null || percent <= 0) {
                if (now != null) {
                    sampling.remove(key);
                    point.setEvents(null);
                }
            } else if (now == null || now.percent() != percent) {
                EventSampler sampler = new EventSampler(key.component(), percent, clock);
                sampling.put(key, sampler);
                point.setEvents(sampler);
            }
        });
    }

    /** The event samplers set now. */
    public synchronized List<EventSampler> eventSamplers() {
        return List.copyOf(sampling.values());
    }

    /** Closes the tap on a stream, if one is open; its executors stop sampling at their next emit. */
    public synchronized void close(TapKey key) {
        if (open.remove(key) != null) {
            points.get(key).set(null);
        }
    }

    /** Opens the taps wanted (at their rates) and closes every other; what a cluster worker is told to keep. */
    public synchronized void retain(Map<TapKey, Integer> wanted) {
        for (TapKey k : Set.copyOf(open.keySet())) {
            if (!wanted.containsKey(k)) {
                close(k);
            }
        }
        wanted.forEach((k, rate) -> {
            if (points.containsKey(k) && rate >= 1 && rate <= MAX_PER_SEC) {
                open(k, rate);
            }
        });
    }

    /** The taps open now. */
    public synchronized Map<TapKey, StreamTap> open() {
        return new LinkedHashMap<>(open);
    }

    /**
     * Checks a tap request against the components' declared streams.
     *
     * @throws IllegalArgumentException naming the unknown component or stream (and what exists), or a bad rate
     */
    public static void check(Map<String, Set<String>> streams, TapKey key, int maxPerSec) {
        Set<String> ids = streams.get(key.component());
        if (ids == null) {
            throw new IllegalArgumentException("No component '" + key.component() + "' to tap; the components are "
                    + new TreeSet<>(streams.keySet()));
        }
        if (!ids.contains(key.stream())) {
            throw new IllegalArgumentException("Component '" + key.component() + "' declares no stream '"
                    + key.stream() + "'; its streams are " + new TreeSet<>(ids));
        }
        if (maxPerSec < 1 || maxPerSec > MAX_PER_SEC) {
            throw new IllegalArgumentException("A tap's maxPerSec must be 1 to " + MAX_PER_SEC + ", got "
                    + maxPerSec);
        }
    }
}
