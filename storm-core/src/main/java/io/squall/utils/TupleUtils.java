package io.squall.utils;

import io.squall.Constants;
import io.squall.tuple.Tuple;

/** Tuple helpers. */
public final class TupleUtils {
    private TupleUtils() {
    }

    /** Whether the tuple is a tick tuple ({@code topology.tick.tuple.freq.secs}). */
    public static boolean isTick(Tuple tuple) {
        return tuple != null
                && Constants.SYSTEM_COMPONENT_ID.equals(tuple.getSourceComponent())
                && Constants.SYSTEM_TICK_STREAM_ID.equals(tuple.getSourceStreamId());
    }
}
