package io.squall.runtime.windowing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Assigns events to windows and fires them: the logic shared by windowed bolts and Trident windows. It
 * owns no thread and reads no clock; the caller passes the time to {@link #add} and {@link #advance}, so
 * tests drive it on a simulated clock.
 *
 * <p>Events are kept in timestamp order (arrival order for processing time, where the timestamp is the
 * arrival time). A window fires at a reference time {@code ref}: by duration it holds the events with
 * timestamps in {@code (ref - length, ref]}, by count the last {@code length} events up to {@code ref}. A
 * window with no event does not fire. Sliding every duration, processing-time windows fire every slide
 * from the start, event-time windows end at multiples of the slide (epoch-aligned) and fire once the
 * watermark reaches their end; sliding every count, a window fires at every {@code slide}-th event (for
 * event time: in timestamp order, as the watermark passes the events).
 *
 * <p>An event leaves for good (and {@link Listener#onExpired} is called, where windowed bolts ack it) as
 * soon as no later window can hold it, so memory is bounded by the window. For event time, an event at or
 * before the watermark is late: {@link #add} refuses it and the caller decides what to do with it.
 * Not thread-safe.
 *
 * @param <T> the event type
 */
public final class WindowEngine<T> {
    /** What the engine tells its owner. */
    public interface Listener<T> {
        /** A window fired; the lists are the listener's to keep, and read-only. */
        void onWindow(List<T> events, List<T> newEvents, List<T> expired, Long startTs, long endTs);

        /** An event left the last window it could be in. */
        void onExpired(T event);
    }

    private static final long UNSET = Long.MIN_VALUE;

    private final WindowSpec spec;
    private final Listener<T> listener;
    private final WatermarkTracker watermarks;
    /** Events in timestamp order from {@code head}; entries before {@code head} are gone. */
    private final HeldEvents<T> events = new HeldEvents<>();
    /** Events expired since the last fire, which the next window reports as expired (unless {@link #expiredShared}). */
    private ChunkedList<T> expiredSinceFire = new ChunkedList<>();
    /**
     * A fired window's list, or part of it, that is exactly what expired since that fire (a tumbling window), kept
     * instead of a copy; null otherwise. An event expiring before the next fire copies it into
     * {@link #expiredSinceFire} first.
     */
    private List<T> expiredShared;
    private int head;
    /** Event time: events before this index have timestamps at or before the watermark the engine fired at. */
    private int released;
    private int countSinceFire;
    /** Processing time: when the next window fires; event time: where the next window ends. */
    private long nextFire = UNSET;
    private long nextWatermarkAt;
    private long firedWatermark = UNSET;
    /** Event time: whether the owner sets the watermark ({@link #advanceWatermark}) instead of the engine's tracker. */
    private boolean externalWatermarks;
    /** Event time, windows by duration: how long after a window fired a tuple for it fires it again. */
    private long latenessMs;

    /**
     * An engine for windows of shape {@code spec}, starting at {@code nowMs}.
     */
    public WindowEngine(WindowSpec spec, long nowMs, Listener<T> listener) {
        this.spec = spec;
        this.listener = listener;
        this.watermarks = spec.eventTime() ? new WatermarkTracker(spec.lagMs()) : null;
        if (!spec.eventTime() && spec.slideIsDuration()) {
            nextFire = nowMs + spec.slideMs();
        }
        this.nextWatermarkAt = nowMs + spec.watermarkIntervalMs();
    }

    /**
     * From now on the owner moves the watermark with {@link #advanceWatermark}; the engine no longer derives
     * it from the events it is given.
     */
    public void useExternalWatermarks() {
        externalWatermarks = true;
    }

    /**
     * Event time, windows by duration: an event that arrives after its window fired, but less than
     * {@code ms} of event time after the window's end (by the watermark), is added and the window fires again
     * with it ({@code newEvents} holds just it); only later is it late. Events stay held that much longer.
     *
     * @throws IllegalArgumentException for a negative duration, or windows by count or processing time
     */
    public void allowLateness(long ms) {
        if (ms < 0 || ms > 0 && !(spec.eventTime() && spec.lengthIsDuration() && spec.slideIsDuration())) {
            throw new IllegalArgumentException("Allowed lateness (" + ms + " ms) needs windows by event time whose "
                    + "length and sliding interval are durations (" + spec + ")");
        }
        latenessMs = ms;
    }

    /**
     * Event time: every event up to {@code w} has arrived. Fires the windows that end at or before it.
     *
     * @return whether the watermark advanced
     */
    public boolean advanceWatermark(long w) {
        if (w <= firedWatermark) {
            return false;
        }
        firedWatermark = w;
        onWatermark(w);
        return true;
    }

    /** The watermark the engine last fired windows at; {@code Long.MIN_VALUE} before the first. */
    public long firedWatermark() {
        return firedWatermark;
    }

    /**
     * Event time: whether an event at {@code ts} is late. With external watermarks, late means every window
     * that could hold it has fired (and its allowed lateness has passed): an event behind the watermark whose
     * last window is still open is not late. With the engine's own watermark (Trident windows), late means at
     * or before that watermark.
     */
    public boolean isLate(long ts) {
        if (!externalWatermarks) {
            return ts <= watermarks.watermark();
        }
        if (ts > firedWatermark) {
            return false;
        }
        if (!spec.slideIsDuration() || !spec.lengthIsDuration()) {
            return true;
        }
        return lastEnd(ts) + latenessMs <= firedWatermark;
    }

    /** The end of the last window (by duration) that holds an event at {@code ts}. */
    /**
     * The end of the last window that can hold an event at {@code ts} (the window a late event missed), for windows
     * by duration; {@link Long#MIN_VALUE} for windows by count.
     */
    public long lastWindowEnd(long ts) {
        return spec.slideIsDuration() && spec.lengthIsDuration() ? lastEnd(ts) : Long.MIN_VALUE;
    }

    private long lastEnd(long ts) {
        return Math.floorDiv(ts + spec.lengthMs() - 1, spec.slideMs()) * spec.slideMs();
    }

    /** Calls {@code action} with every event held, oldest first. */
    public void forEachHeld(java.util.function.Consumer<T> action) {
        for (int i = head; i < events.size(); i++) {
            action.accept(events.value(i));
        }
    }

    /** The shape of the windows. */
    public WindowSpec spec() {
        return spec;
    }

    /** Events held, in or waiting for a window. */
    public int size() {
        return events.size() - head;
    }

    /**
     * Adds an event that arrived at {@code nowMs} (processing time); may fire a window.
     *
     * @throws IllegalStateException if the windows are by event time
     */
    public void add(T value, long nowMs) {
        if (spec.eventTime()) {
            throw new IllegalStateException("Windows by event time need the event's timestamp and source");
        }
        long ts = nowMs;
        if (spec.slideIsDuration() && nowMs <= nextFire - spec.slideMs()) {
            // The window that ends at nowMs fired already (earlier in this millisecond): the event belongs to the
            // next one, else it would leave without any window showing it.
            ts = nextFire - spec.slideMs() + 1;
        }
        events.add(value, ts);
        if (!spec.slideIsDuration() && ++countSinceFire == spec.slideCount()) {
            countSinceFire = 0;
            fire(nowMs, events.size());
        }
    }

    /**
     * Adds an event with timestamp {@code ts} sent by {@code source} (event time).
     *
     * @return false if the event is late (at or before the watermark): it was not added
     * @throws IllegalStateException if the windows are by processing time
     */
    public boolean add(T value, long ts, int source) {
        if (!spec.eventTime()) {
            throw new IllegalStateException("Windows by processing time take the arrival time, not a timestamp");
        }
        if (isLate(ts)) {
            return false;
        }
        if (!externalWatermarks) {
            watermarks.observe(source, ts);
        }
        int at = events.size();
        while (at > head && events.ts(at - 1) > ts) {
            at--; // Out of order: insert after every event at or before ts, so equal times keep arrival order.
        }
        if (spec.slideIsDuration()) {
            // The next window to fire may have been set past this event's windows while they were empty; and a window
            // that ended at or before the watermark fired already (or had nothing to fire), even when nothing is held.
            long first = Math.max(alignUp(ts), firedWatermark == UNSET ? Long.MIN_VALUE : alignUp(firedWatermark + 1));
            if (nextFire == UNSET || first < nextFire) {
                nextFire = first;
            }
        }
        if (at == events.size()) {
            events.add(value, ts);
        } else {
            events.insert(at, value, ts);
            if (at < released) {
                released++; // Behind the watermark, but a window that holds it is still open.
            }
        }
        if (latenessMs > 0 && firedWatermark != UNSET && alignUp(ts) <= firedWatermark) {
            refire(at);
        }
        return true;
    }

    /** The event-time watermark: every event up to it has arrived. {@code Long.MIN_VALUE} before any. */
    public long watermark() {
        if (externalWatermarks) {
            return firedWatermark;
        }
        return watermarks == null ? UNSET : watermarks.watermark();
    }

    /**
     * Lets time pass to {@code nowMs}: fires the processing-time windows that are due, or advances the
     * watermark if its interval has passed and fires the event-time windows it completes.
     */
    public void advance(long nowMs) {
        if (spec.eventTime()) {
            if (!externalWatermarks && nowMs >= nextWatermarkAt) {
                nextWatermarkAt = nowMs + spec.watermarkIntervalMs();
                long w = watermarks.watermark();
                if (w > firedWatermark) {
                    firedWatermark = w;
                    onWatermark(w);
                }
            }
        } else if (spec.slideIsDuration()) {
            while (nowMs >= nextFire) {
                long ref = nextFire;
                nextFire += spec.slideMs();
                fire(ref, upperBound(ref));
            }
        }
    }

    /** The time at or after which {@link #advance} has work to do. */
    public long nextDeadline() {
        if (spec.eventTime()) {
            return nextWatermarkAt;
        }
        return spec.slideIsDuration() ? nextFire : Long.MAX_VALUE;
    }

    private void onWatermark(long w) {
        if (spec.slideIsDuration()) {
            while (true) {
                if (head == events.size()) {
                    nextFire = UNSET; // Nothing held: the next window is found from the next event.
                    break;
                }
                long earliest = alignUp(events.ts(head));
                if (nextFire == UNSET || nextFire < earliest) {
                    nextFire = earliest; // Skip windows that would be empty.
                }
                if (nextFire > w) {
                    break;
                }
                long ref = nextFire;
                nextFire += spec.slideMs();
                fire(ref, upperBound(ref));
            }
            released = upperBound(w);
        } else {
            while (released < events.size() && events.ts(released) <= w) {
                released++;
                if (++countSinceFire == spec.slideCount()) {
                    countSinceFire = 0;
                    fire(events.ts(released - 1), released);
                }
            }
        }
    }

    /**
     * Fires the window at reference time {@code ref} over the events before index {@code upTo}: first drops
     * the events that fell out of it, then calls the listener if it holds any event, then drops the events
     * no later window can hold.
     */
    private void fire(long ref, int upTo) {
        int from;
        if (spec.lengthIsDuration()) {
            if (latenessMs == 0) {
                expireWhile(upTo, ref - spec.lengthMs(), Integer.MAX_VALUE);
            }
            from = upperBound(ref - spec.lengthMs()); // Held for allowed lateness, events before it stay.
        } else {
            expireWhile(upTo, Long.MIN_VALUE, spec.lengthCount());
            from = head;
        }
        List<T> shown = null;
        if (upTo > from) {
            shown = valuesOf(from, upTo);
            List<T> added = newEvents(from, upTo, shown);
            List<T> expired = expiredShared != null ? expiredShared
                    : expiredSinceFire.isEmpty() ? List.of() : expiredSinceFire;
            expiredSinceFire = new ChunkedList<>();
            expiredShared = null;
            Long start = spec.lengthIsDuration() ? ref - spec.lengthMs() : events.ts(head);
            listener.onWindow(shown, added, expired, start, ref);
        }
        // What leaves now is, in a tumbling window, the window just shown: the next window reports that same list
        // as expired instead of a copy of it.
        int before = head;
        boolean share = shown != null && head == from && expiredSinceFire.isEmpty() && expiredShared == null;
        if (spec.lengthIsDuration() && spec.slideIsDuration()) {
            // Keeps what a window that may still fire again (allowed lateness) holds.
            long keepFrom = latenessMs == 0 ? ref : Math.floorDiv(ref - latenessMs, spec.slideMs()) * spec.slideMs();
            expireWhile(upTo, keepFrom + spec.slideMs() - spec.lengthMs(), Integer.MAX_VALUE, !share);
        } else if (!spec.lengthIsDuration() && !spec.slideIsDuration()) {
            expireWhile(upTo, Long.MIN_VALUE, Math.max(0, spec.lengthCount() - spec.slideCount()), !share);
        }
        if (share && head > before) {
            int n = head - before;
            expiredShared = n == shown.size() ? shown : shown.subList(0, n);
        }
        compact();
    }

    /**
     * The values of the events in {@code [from, upTo)}, as a read-only list of their own (one copy per chunk, in
     * chunks: see {@link ChunkedList}).
     */
    private List<T> valuesOf(int from, int upTo) {
        ChunkedList<T> copy = new ChunkedList<>(upTo - from);
        events.appendValues(from, upTo, copy);
        return copy;
    }

    /**
     * The events of {@code [from, upTo)} that no fired window has shown yet, marked seen now: {@code all} itself when
     * every one is new, as in every tumbling window.
     */
    private List<T> newEvents(int from, int upTo, List<T> all) {
        int unseen = 0;
        for (int i = from; i < upTo; i++) {
            if (!events.seen(i)) {
                unseen++;
            }
        }
        if (unseen == 0) {
            return List.of();
        }
        ChunkedList<T> added = unseen == upTo - from ? null : new ChunkedList<>(unseen);
        for (int i = from; i < upTo; i++) {
            if (!events.seen(i)) {
                events.setSeen(i, true);
                if (added != null) {
                    added.append(events.value(i));
                }
            }
        }
        return added == null ? all : added;
    }

    /**
     * Expires events from the head, before {@code upTo}, while their timestamp is at or before
     * {@code tsLimit} or more than {@code keep} remain before {@code upTo}.
     */
    private void expireWhile(int upTo, long tsLimit, int keep) {
        expireWhile(upTo, tsLimit, keep, true);
    }

    /**
     * As {@link #expireWhile(int, long, int)}; {@code collect} says whether the events join those expired since the
     * last fire (not when that list is the window just shown).
     */
    private void expireWhile(int upTo, long tsLimit, int keep, boolean collect) {
        while (head < upTo && (events.ts(head) <= tsLimit || upTo - head > keep)) {
            T value = events.value(head);
            events.clearValue(head);
            head++;
            if (collect) {
                if (expiredShared != null) {
                    unshareExpired();
                }
                expiredSinceFire.append(value);
            }
            listener.onExpired(value);
        }
        if (released < head) {
            released = head;
        }
    }

    /** Makes {@link #expiredSinceFire} a list of its own with the shared window's events, before more are added. */
    private void unshareExpired() {
        ChunkedList<T> copy = new ChunkedList<>(expiredShared.size() + 1);
        for (T t : expiredShared) {
            copy.append(t);
        }
        expiredSinceFire = copy;
        expiredShared = null;
    }

    /**
     * Fires again, with {@code late} added, every window that holds it, fired already and is still within the
     * allowed lateness.
     */
    private void refire(int index) {
        long ts = events.ts(index);
        T late = events.value(index);
        long last = lastEnd(ts);
        events.setSeen(index, last <= firedWatermark);
        for (long end = alignUp(ts); end <= last && end <= firedWatermark; end += spec.slideMs()) {
            if (end + latenessMs <= firedWatermark) {
                continue;
            }
            listener.onWindow(valuesOf(upperBound(end - spec.lengthMs()), upperBound(end)), List.of(late), List.of(),
                    end - spec.lengthMs(), end);
        }
    }

    /**
     * Where the engine stands between events: what a checkpoint keeps besides the events themselves.
     *
     * @param firedWatermark the watermark the engine last fired at (event time)
     * @param nextFire       the end of the next window to fire (event time, windows by duration)
     * @param countSinceFire events counted towards the next window by count
     */
    public record Progress(long firedWatermark, long nextFire, int countSinceFire) implements java.io.Serializable {
    }

    /** An event as a checkpoint keeps it: its value, time and whether a fired window has shown it. */
    public record HeldEvent<T>(T value, long ts, boolean seen) {
    }

    /** Where the engine stands; with {@link #held} and {@link #expiredSinceFire}, enough to {@link #restore} it. */
    public Progress progress() {
        return new Progress(firedWatermark, spec.eventTime() ? nextFire : UNSET, countSinceFire);
    }

    /** The events expired since the last window fired, which the next window reports as expired. */
    public List<T> expiredSinceFire() {
        return Collections.unmodifiableList(expiredShared != null ? expiredShared : expiredSinceFire);
    }

    /**
     * Puts the engine back where a checkpoint left it: {@code held} are the events it held (any order; equal
     * times keep the list's order), {@code expired} those expired since the last window fired. By processing
     * time, the next window fires a sliding interval from the engine's start, as a new engine's would.
     */
    public void restore(List<HeldEvent<T>> held, List<T> expired, Progress progress) {
        List<HeldEvent<T>> sorted = new ArrayList<>(held);
        sorted.sort(java.util.Comparator.comparingLong(HeldEvent::ts));
        events.clear();
        head = 0;
        for (HeldEvent<T> h : sorted) {
            events.add(h.value(), h.ts());
            events.setSeen(events.size() - 1, h.seen());
        }
        expiredSinceFire = new ChunkedList<>();
        for (T t : expired) {
            expiredSinceFire.append(t);
        }
        expiredShared = null;
        countSinceFire = progress.countSinceFire();
        if (spec.eventTime()) {
            firedWatermark = progress.firedWatermark();
            nextFire = progress.nextFire();
            released = firedWatermark == UNSET ? 0 : upperBound(firedWatermark);
        } else {
            released = 0;
        }
    }

    /** The index after the last event with a timestamp at or before {@code ts}. */
    private int upperBound(long ts) {
        return events.upperBound(head, ts);
    }

    private long alignUp(long ts) {
        return Math.floorDiv(ts + spec.slideMs() - 1, spec.slideMs()) * spec.slideMs();
    }

    /** Forgets the events before {@code head} (whole chunks of them are dropped, nothing is moved). */
    private void compact() {
        if (head > 0) {
            events.dropFirst(head);
            released -= head;
            head = 0;
        }
    }
}
