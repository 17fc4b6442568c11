package io.squall.topology;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A topology's totals by time window (":all-time", "600", ...), as Storm's generated {@code TopologyStats}: tuples
 * emitted, transferred, acked and failed at its spouts, and the spouts' mean complete latency, from its executors'
 * statistics.
 */
public final class TopologyStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Long> emitted = new HashMap<>();
    private final Map<String, Long> transferred = new HashMap<>();
    private final Map<String, Long> acked = new HashMap<>();
    private final Map<String, Long> failed = new HashMap<>();
    private final Map<String, Double> completeLatencies = new HashMap<>();

    /** The totals of {@code executors}. */
    public static TopologyStats of(List<ExecutorSummary> executors) {
        TopologyStats stats = new TopologyStats();
        Map<String, Double> latencyWeight = new HashMap<>();
        for (ExecutorSummary e : executors) {
            if (!e.is_set_stats()) {
                continue;
            }
            ExecutorStats s = e.get_stats();
            sum(s.get_emitted(), stats.emitted);
            sum(s.get_transferred(), stats.transferred);
            if (s.get_specific() != null && s.get_specific().is_set_spout()) {
                SpoutStats spout = s.get_specific().get_spout();
                sum(spout.get_acked(), stats.acked);
                sum(spout.get_failed(), stats.failed);
                spout.get_complete_ms_avg().forEach((window, byStream) -> byStream.forEach((stream, ms) -> {
                    long n = spout.get_acked().getOrDefault(window, Map.of()).getOrDefault(stream, 0L);
                    latencyWeight.merge(window, ms * n, Double::sum);
                }));
            }
        }
        latencyWeight.forEach((window, weighted) -> {
            long n = stats.acked.getOrDefault(window, 0L);
            stats.completeLatencies.put(window, n == 0 ? 0.0 : weighted / n);
        });
        return stats;
    }

    private static void sum(Map<String, Map<String, Long>> byWindow, Map<String, Long> into) {
        if (byWindow != null) {
            byWindow.forEach((window, byStream) -> byStream.forEach((stream, n) -> into.merge(window, n, Long::sum)));
        }
    }

    public Map<String, Long> get_window_to_emitted() {
        return emitted;
    }

    public Map<String, Long> get_window_to_transferred() {
        return transferred;
    }

    /** Spout tuples whose trees completed, by window. */
    public Map<String, Long> get_window_to_acked() {
        return acked;
    }

    public Map<String, Long> get_window_to_failed() {
        return failed;
    }

    /** The spouts' mean complete latency in milliseconds, by window, weighted by their acked counts. */
    public Map<String, Double> get_window_to_complete_latencies_ms() {
        return completeLatencies;
    }
}
