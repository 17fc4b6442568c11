package io.squall.runtime.tap;

import java.util.List;

/**
 * Where the executors of one component look for what samples one of its streams: a dashboard's open tap and, while
 * the component is debugged, an event sampler. A single volatile read per emit, null while neither is set, so a
 * stream nobody samples costs nothing more (and the emit stays small enough to be inlined).
 *
 * <p>Threads: written by {@link StreamTaps} under its lock; read by executor threads.
 */
public final class TapPoint {
    /** What samples the stream now: a tap, an event sampler, or both; immutable. */
    public record Sampling(StreamTap tap, EventSampler events) {
        /** Offers one emitted tuple to each. Executor threads; never blocks. */
        public void offer(int task, List<Object> values, Object messageId) {
            if (tap != null) {
                tap.offer(task, values);
            }
            if (events != null) {
                events.offer(task, messageId, values);
            }
        }
    }

    private volatile Sampling sampling;

    /** What samples the stream, or null. */
    public Sampling sampling() {
        return sampling;
    }

    /** The open tap, or null. */
    public StreamTap tap() {
        Sampling s = sampling;
        return s == null ? null : s.tap();
    }

    /** The event sampler while the component is debugged, or null. */
    public EventSampler events() {
        Sampling s = sampling;
        return s == null ? null : s.events();
    }

    void set(StreamTap tap) {
        update(tap, events());
    }

    void setEvents(EventSampler events) {
        update(tap(), events);
    }

    private void update(StreamTap tap, EventSampler events) {
        sampling = tap == null && events == null ? null : new Sampling(tap, events);
    }
}
