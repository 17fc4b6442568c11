package io.squall.metrics.builtin;

import java.util.List;
import java.util.Map;

/**
 * The plain values a worker reports about itself: records of numbers, strings, lists and maps, so that
 * they turn into JSON and back as they are (a cluster worker can send them to Nimbus over HTTP).
 * Counters are cumulative since the worker started; consumers take differences between snapshots.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Everything one worker reports at one instant.
     *
     * @param topology    the topology's name
     * @param topologyId  the topology's id
     * @param worker      which worker (host:port, or {@code local})
     * @param timeMillis  when the snapshot was taken
     * @param startMillis when the worker started, which the first snapshot's counters count from
     * @param uptimeSecs  how long the worker has run
     * @param active      whether its spouts may emit
     */
    public record Worker(String topology, String topologyId, String worker, long timeMillis, long startMillis,
                         long uptimeSecs,
                         boolean active, List<Component> components, List<Edge> edges, Backpressure backpressure,
                         Jvm jvm, List<Error> errors, Map<String, Double> userMetrics) { }

    /**
     * One component's figures in one worker.
     *
     * @param kind            {@code spout} or {@code bolt}
     * @param failed          explicit fails: by a bolt, its inputs; by a spout, trees a bolt failed
     * @param timedOut        spout trees that timed out
     * @param failedBy        spout trees failed, by the component that failed them
     * @param busyMicros      estimated time spent in {@code execute} (sampled execute latency times the
     *                        sampling ratio), for capacity
     * @param lateTuples      tuples that arrived after their window closed (windowed bolts)
     * @param queuePopulation messages waiting in the receive queues of the component's executors
     * @param congestedMs     total time the component's queues held backpressure
     */
    public record Component(String id, String kind, int executors, int tasks, long emitted, long transferred,
                            long executed, long acked, long failed, long timedOut, long errors,
                            Map<String, Long> failedBy, Latency completeLatency, Latency executeLatency,
                            Latency processLatency, long busyMicros, long lateTuples, long queuePopulation,
                            long queueCapacity, long congestedMs, List<Task> taskCounts) { }

    /**
     * Sampled latencies: cumulative sample count and sum (for means over any window) and the percentiles
     * of the last 30 to 60 seconds.
     */
    public record Latency(long samples, long sumMicros, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
        /** No samples. */
        public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);
    }

    /**
     * One task's counters, what it emitted and sent on each of its streams ({@code streams}), and, for a bolt task
     * with several inputs, what it executed, acked and failed of each ({@code inputs}).
     */
    public record Task(int task, long emitted, long executed, long acked, long failed, List<StreamCount> streams,
                       List<InputCount> inputs) {
        /** No streams or inputs listed (a snapshot of a worker that does not list them) is an empty list. */
        public Task {
            streams = streams == null ? List.of() : List.copyOf(streams);
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }

        /** A task's counters with its streams, without its inputs. */
        public Task(int task, long emitted, long executed, long acked, long failed, List<StreamCount> streams) {
            this(task, emitted, executed, acked, failed, streams, List.of());
        }

        /** A task's counters without its streams. */
        public Task(int task, long emitted, long executed, long acked, long failed) {
            this(task, emitted, executed, acked, failed, List.of());
        }
    }

    /**
     * Tuples a task emitted on one stream, and sent along it (one per target); for a spout, its trees emitted on the
     * stream that were acked, and failed (timed out included), and the complete latencies of the acked ones it
     * sampled: how many, and their sum in microseconds.
     */
    public record StreamCount(String stream, long emitted, long transferred, long acked, long failed,
                              long completeSamples, long completeSumMicros) {
        /** A stream's counts without trees (a bolt's, or a spout's untracked emits). */
        public StreamCount(String stream, long emitted, long transferred) {
            this(stream, emitted, transferred, 0, 0, 0, 0);
        }

        /** A stream's counts without sampled latencies. */
        public StreamCount(String stream, long emitted, long transferred, long acked, long failed) {
            this(stream, emitted, transferred, acked, failed, 0, 0);
        }

        /** The mean complete latency of the stream's sampled trees, in ms; 0 when none was sampled. */
        public double completeLatencyMs() {
            return completeSamples == 0 ? 0 : completeSumMicros / 1000.0 / completeSamples;
        }
    }

    /** Tuples of stream {@code stream} of {@code component} a bolt task executed, acked and failed. */
    public record InputCount(String component, String stream, long executed, long acked, long failed) { }

    /** Messages sent from one component to a component that subscribes to it. */
    public record Edge(String from, String to, long sent) { }

    /**
     * The worker's backpressure.
     *
     * @param lastFirstQueue the queue (executor) that congested first in the latest episode, or null
     */
    public record Backpressure(boolean congested, long episodes, long congestedMs, String lastFirstQueue,
                               List<Queue> queues) { }

    /**
     * One executor's receive queue.
     *
     * @param firstCount in how many episodes this queue was the first to congest
     */
    public record Queue(String executor, String component, long population, long capacity, long congestedMs,
                        long firstCount) { }

    /** The worker JVM. */
    public record Jvm(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, long gcCount, long gcTimeMs,
                      int threads) { }

    /** An error a task reported. */
    public record Error(String component, int task, long timeMillis, String message) { }
}
