package io.squall.trident.windowing.config;

import java.io.Serializable;

/**
 * A window's shape as Storm describes it: lengths in tuples (count windows) or milliseconds (duration windows).
 * {@code Stream.window} takes one; for event time, lag and late tuples use
 * {@link io.squall.trident.windowing.WindowConfig} instead.
 */
public interface WindowConfig extends Serializable {
    /** The kinds of window. */
    enum Type {
        /** The last n tuples, every m tuples. */
        SLIDING_COUNT,
        /** Every n tuples. */
        TUMBLING_COUNT,
        /** The last n ms, every m ms. */
        SLIDING_DURATION,
        /** Every n ms. */
        TUMBLING_DURATION
    }

    /** The window's length: tuples or milliseconds. */
    int getWindowLength();

    /** How far it slides: tuples or milliseconds (the length, for a tumbling window). */
    int getSlidingLength();

    /** The kind of window. */
    Type getWindowType();
}
