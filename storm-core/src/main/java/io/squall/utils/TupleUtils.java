package io.squall.utils;

import io.squall.Config;
import io.squall.Constants;
import io.squall.tuple.Tuple;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * A component configuration with tick tuples every {@code tickFreqSecs} added to {@code conf} (a new map
     * if null), for {@code getComponentConfiguration}.
     */
    public static Map<String, Object> putTickFrequencyIntoComponentConfig(Map<String, Object> conf, int tickFreqSecs) {
        Map<String, Object> out = conf == null ? new HashMap<>() : conf;
        if (tickFreqSecs > 0) {
            out.put(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, tickFreqSecs);
        }
        return out;
    }

    /**
     * Storm's: the index, among {@code numTasks} tasks, of the task a fields grouping on {@code keys} (the grouping
     * fields' values, in order) chooses, for a custom grouping that groups as Storm's does: the values' deep hash
     * code (1 for null keys) modulo {@code numTasks}, never negative.
     */
    public static <T> int chooseTaskIndex(List<T> keys, int numTasks) {
        int hash = keys == null ? 1 : Arrays.deepHashCode(keys.toArray());
        return Math.floorMod(hash, numTasks);
    }
}
