package io.squall.topology;

import java.io.Serializable;
import java.util.Map;

/** A spout executor's acks, fails and complete latency, by window and stream, with Storm's getters. */
public class SpoutStats implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, Map<String, Long>> acked;
    private final Map<String, Map<String, Long>> failed;
    private final Map<String, Map<String, Double>> completeMsAvg;

    public SpoutStats(Map<String, Map<String, Long>> acked, Map<String, Map<String, Long>> failed,
                      Map<String, Map<String, Double>> completeMsAvg) {
        this.acked = acked;
        this.failed = failed;
        this.completeMsAvg = completeMsAvg;
    }

    public Map<String, Map<String, Long>> get_acked() {
        return acked;
    }

    public Map<String, Map<String, Long>> get_failed() {
        return failed;
    }

    public Map<String, Map<String, Double>> get_complete_ms_avg() {
        return completeMsAvg;
    }
}
