package io.squall.metrics.aggregate;

import io.squall.metrics.builtin.Snapshots;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard and the JSON API show for one topology: per component, the counters and mean
 * latencies over a {@link Window}, the live rates (from the last two snapshots) and the recent latency
 * percentiles; the rates on the graph's edges; backpressure, errors, JVMs and user metrics as last
 * reported. Plain values.
 *
 * @param backpressure each worker's backpressure, by worker ({@code host:port}, or {@code local})
 * @param jvms         each worker's JVM, by worker
 */
public record TopologyMetrics(String topology, String window, long timeMillis, long uptimeSecs, boolean active,
                              int workers, List<ComponentMetrics> spouts, List<ComponentMetrics> bolts,
                              List<EdgeRate> edges, Map<String, Snapshots.Backpressure> backpressure,
                              List<Snapshots.Error> errors, Map<String, Snapshots.Jvm> jvms,
                              Map<String, Double> userMetrics) {

    /**
     * One component.
     *
     * @param completeLatencyMs mean over the window (spouts), from samples
     * @param capacity          fraction of the window its executors spent in {@code execute} (bolts; near 1 is
     *                          a bottleneck)
     * @param recentLatency     percentiles of the last 30-60 seconds: complete latency for spouts, execute
     *                          latency for bolts
     */
    public record ComponentMetrics(String id, String kind, int executors, int tasks, long emitted, long transferred,
                                   long executed, long acked, long failed, long timedOut, long errors,
                                   long lateTuples, Map<String, Long> failedBy, double completeLatencyMs,
                                   double executeLatencyMs, double processLatencyMs, double capacity,
                                   double emitRate, double executeRate, double ackRate, double failRate,
                                   Snapshots.Latency recentLatency, long queuePopulation, long queueCapacity,
                                   long congestedMs, List<Snapshots.Task> taskCounts) { }

    /** Messages per second (live) and in total along one subscription. */
    public record EdgeRate(String from, String to, double ratePerSec, long total) { }
}
