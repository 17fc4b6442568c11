package io.squall.runtime.stats;

import io.squall.runtime.api.ComponentCounts;
import io.squall.utils.Clock;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one component, summed over its tasks. Written by its executors' threads, read by any
 * thread; each counter is a {@link LongAdder}, so writers do not contend.
 */
public final class ComponentStats {
    private final String componentId;
    /** Tuples handed to emit (one per emit call). */
    public final LongAdder emitted = new LongAdder();
    /** Tuples sent to tasks (one per target). */
    public final LongAdder transferred = new LongAdder();
    /** Tuples a bolt executed. */
    public final LongAdder executed = new LongAdder();
    /** Tuples acked: by a bolt, its inputs; by a spout, its completed trees. */
    public final LongAdder acked = new LongAdder();
    /** Tuples failed explicitly: by a bolt, its inputs; by a spout, trees a bolt failed. */
    public final LongAdder failed = new LongAdder();
    /** Spout trees that timed out. */
    public final LongAdder timedOut = new LongAdder();
    /** Errors reported or thrown by the component's tasks. */
    public final LongAdder errors = new LongAdder();
    /** Tuples a windowed bolt received after the watermark had passed them (dropped or routed). */
    public final LongAdder lateTuples = new LongAdder();
    /** Sum of spout complete latencies, in nanoseconds. */
    public final LongAdder completeLatencyNanos = new LongAdder();
    /** A sample of spout complete latencies (emit to ack), when metrics are on. */
    public final LatencyHistogram completeLatency;
    /** A sample of bolt execute latencies (time in {@code execute}), when metrics are on. */
    public final LatencyHistogram executeLatency;
    /** A sample of bolt process latencies ({@code execute} start to ack), when metrics are on. */
    public final LatencyHistogram processLatency;
    private static final long LATENCY_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final Map<String, LongAdder> failedBy = new ConcurrentHashMap<>();
    private final Map<Integer, TaskStats> tasks = new ConcurrentSkipListMap<>();
    private volatile long maxCompleteLatencyNanos;

    /** Counters for a component, latency periods timed by {@code clock}. */
    public ComponentStats(String componentId, Clock clock) {
        this.componentId = componentId;
        this.completeLatency = new LatencyHistogram(LATENCY_PERIOD_NANOS, clock);
        this.executeLatency = new LatencyHistogram(LATENCY_PERIOD_NANOS, clock);
        this.processLatency = new LatencyHistogram(LATENCY_PERIOD_NANOS, clock);
    }

    /** An immutable copy of the component's counts now. Any thread. */
    public ComponentCounts snapshot() {
        return new ComponentCounts(componentId, emitted.sum(), transferred.sum(), executed.sum(), acked.sum(),
                failed.sum(), timedOut.sum(), errors.sum(), lateTuples.sum(), meanCompleteLatencyMs(),
                failedByComponent());
    }

    /** The component. */
    public String componentId() {
        return componentId;
    }

    /** The counters of one of the component's tasks, created on first use. Any thread. */
    public TaskStats task(int taskId) {
        return tasks.computeIfAbsent(taskId, id -> new TaskStats(componentId, id));
    }

    /** The counters of the component's tasks, by task id. */
    public Map<Integer, TaskStats> tasks() {
        return Collections.unmodifiableMap(tasks);
    }

    /** Records that a tree of this spout was failed by {@code component}. */
    public void failedBy(String component) {
        failedBy.computeIfAbsent(component, k -> new LongAdder()).increment();
    }

    /** Spout trees failed, by the component that failed them. */
    public Map<String, Long> failedByComponent() {
        Map<String, Long> out = new TreeMap<>();
        failedBy.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Records spout trees' complete latencies: their sum and the largest of them. Called from the spout's
     * executor thread, once per round for the trees acked in it.
     */
    public void completeLatencies(long sumNanos, long maxNanos) {
        completeLatencyNanos.add(sumNanos);
        if (maxNanos > maxCompleteLatencyNanos) {
            // One writer per spout executor; a lost race between two executors only loses a maximum.
            maxCompleteLatencyNanos = maxNanos;
        }
    }

    /** Mean complete latency in milliseconds over every acked tree, or 0. */
    public double meanCompleteLatencyMs() {
        long n = acked.sum();
        return n == 0 ? 0 : completeLatencyNanos.sum() / 1e6 / n;
    }

    /** The largest complete latency seen, in milliseconds. */
    public double maxCompleteLatencyMs() {
        return maxCompleteLatencyNanos / 1e6;
    }

    @Override
    public String toString() {
        return componentId + "{emitted=" + emitted + ", transferred=" + transferred + ", executed=" + executed
                + ", acked=" + acked + ", failed=" + failed + ", timedOut=" + timedOut + ", errors=" + errors
                + ", lateTuples=" + lateTuples + "}";
    }
}
