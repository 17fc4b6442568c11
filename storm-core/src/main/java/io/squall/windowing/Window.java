package io.squall.windowing;

import java.util.Iterator;
import java.util.List;

/**
 * The events of one window when it fires.
 *
 * @param <T> the event type
 */
public interface Window<T> {
    /** Every event in the window, oldest first. */
    List<T> get();

    /** An iterator over the window's events, oldest first, as Storm's {@code getIter}: {@link #get()}'s. */
    default Iterator<T> getIter() {
        return get().iterator();
    }

    /** The events that were in no earlier window. */
    List<T> getNew();

    /** The events that left the window since it last fired. */
    List<T> getExpired();

    /**
     * Where the window ends: for a window by duration, its end time (inclusive); for a window by count, the
     * time it fired (processing time) or the timestamp of its newest event (event time). In milliseconds; a
     * {@code Long}, as Storm's, though Squall's windows always have one.
     */
    Long getEndTimestamp();

    /**
     * Where the window starts: for a window by duration, its end less its length (exclusive); for a
     * window by count, the timestamp of its oldest event. In milliseconds.
     */
    Long getStartTimestamp();
}
