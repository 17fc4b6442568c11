package io.squall.runtime.windowing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Session windows by event time, per key: a key's events belong to one session while each is less than
 * {@code gap} after the one before (in event time); a session spans {@code [first, last + gap)} and fires,
 * once, when the watermark reaches its end. An event that joins two sessions merges them. An event at or
 * behind the watermark is late unless it falls into a session that is still open. Each event leaves (and
 * {@link WindowEngine.Listener#onExpired} is called) when its session fires. Sessions closing at the same
 * watermark fire in order of their end. Owns no thread and reads no clock. Not thread-safe.
 *
 * @param <T> the event type
 */
public final class SessionWindows<T> {
    private final long gapMs;
    private final WindowEngine.Listener<T> listener;
    private final Map<Object, List<Session<T>>> byKey = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    private int held;

    /** Sessions that close after {@code gapMs} of event time without an event. */
    public SessionWindows(long gapMs, WindowEngine.Listener<T> listener) {
        if (gapMs < 1) {
            throw new IllegalArgumentException("A session gap must be at least 1 ms, but got " + gapMs);
        }
        this.gapMs = gapMs;
        this.listener = listener;
    }

    /** The watermark the sessions last fired at. */
    public long watermark() {
        return watermark;
    }

    /** Events held in open sessions. */
    public int size() {
        return held;
    }

    /**
     * Adds an event of {@code key} at event time {@code ts}.
     *
     * @return false if it is late (at or behind the watermark and in no open session): it was not added
     */
    public boolean add(Object key, T value, long ts) {
        List<Session<T>> sessions = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
        Session<T> joined = null;
        for (Iterator<Session<T>> it = sessions.iterator(); it.hasNext(); ) {
            Session<T> s = it.next();
            if (ts > s.first - gapMs && ts < s.last + gapMs) {
                if (joined == null) {
                    joined = s;
                } else {
                    joined.merge(s); // The event bridges two sessions.
                    it.remove();
                }
            }
        }
        if (joined == null) {
            if (ts <= watermark) {
                if (sessions.isEmpty()) {
                    byKey.remove(key);
                }
                return false;
            }
            joined = new Session<>();
            sessions.add(joined);
        }
        joined.add(value, ts);
        held++;
        return true;
    }

    /** Every event up to {@code w} has arrived: fires the sessions that end at or before it. */
    public void advanceWatermark(long w) {
        if (w <= watermark) {
            return;
        }
        watermark = w;
        List<Session<T>> closing = new ArrayList<>();
        for (Iterator<List<Session<T>>> keys = byKey.values().iterator(); keys.hasNext(); ) {
            List<Session<T>> sessions = keys.next();
            for (Iterator<Session<T>> it = sessions.iterator(); it.hasNext(); ) {
                Session<T> s = it.next();
                if (s.last + gapMs <= w) {
                    closing.add(s);
                    it.remove();
                }
            }
            if (sessions.isEmpty()) {
                keys.remove();
            }
        }
        closing.sort(Comparator.comparingLong((Session<T> s) -> s.last).thenComparingLong(s -> s.first));
        for (Session<T> s : closing) {
            List<T> events = s.values();
            held -= events.size();
            listener.onWindow(events, events, List.of(), s.first, s.last + gapMs);
            for (T e : events) {
                listener.onExpired(e);
            }
        }
    }

    /** Calls {@code action} with every event held. */
    public void forEachHeld(Consumer<T> action) {
        for (List<Session<T>> sessions : byKey.values()) {
            for (Session<T> s : sessions) {
                s.events.forEach(e -> action.accept(e.value));
            }
        }
    }

    /** One open session: its events in timestamp order. */
    private static final class Session<T> {
        final List<WindowEvent<T>> events = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        void add(T value, long ts) {
            int at = events.size();
            while (at > 0 && events.get(at - 1).ts > ts) {
                at--;
            }
            events.add(at, new WindowEvent<>(value, ts));
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }

        void merge(Session<T> other) {
            for (WindowEvent<T> e : other.events) {
                add(e.value, e.ts);
            }
        }

        List<T> values() {
            List<T> out = new ArrayList<>(events.size());
            for (WindowEvent<T> e : events) {
                out.add(e.value);
            }
            return Collections.unmodifiableList(out);
        }
    }

    private record WindowEvent<T>(T value, long ts) {
    }
}
