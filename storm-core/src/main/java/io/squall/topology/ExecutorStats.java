package io.squall.topology;

import java.io.Serializable;
import java.util.Map;

/**
 * Counts of one executor, with Storm's getters: maps from time window to stream to count. Squall keeps
 * totals since the start, under the window {@link #ALL_TIME} and the stream {@link #ALL_STREAMS}.
 */
public class ExecutorStats implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Storm's key of the since-start window. */
    public static final String ALL_TIME = ":all-time";
    /** The stream key under which Squall reports the total over all streams. */
    public static final String ALL_STREAMS = "all";

    private final Map<String, Map<String, Long>> emitted;
    private final Map<String, Map<String, Long>> transferred;
    private final ExecutorSpecificStats specific;
    private final double rate;

    public ExecutorStats(Map<String, Map<String, Long>> emitted, Map<String, Map<String, Long>> transferred,
                         ExecutorSpecificStats specific, double rate) {
        this.emitted = emitted;
        this.transferred = transferred;
        this.specific = specific;
        this.rate = rate;
    }

    /** Totals under {@link #ALL_TIME} and {@link #ALL_STREAMS}. */
    static Map<String, Map<String, Long>> total(long n) {
        return Map.of(ALL_TIME, Map.of(ALL_STREAMS, n));
    }

    public Map<String, Map<String, Long>> get_emitted() {
        return emitted;
    }

    public Map<String, Map<String, Long>> get_transferred() {
        return transferred;
    }

    public ExecutorSpecificStats get_specific() {
        return specific;
    }

    public double get_rate() {
        return rate;
    }
}
