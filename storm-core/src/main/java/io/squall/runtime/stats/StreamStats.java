package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one output stream of one task: the tuples it emitted on the stream and the tuples it sent along it
 * (one per target task), and for a spout the trees it emitted on the stream that were acked and failed (timed out
 * included), as Storm counts a spout's acks by stream, with the complete latencies of the acked trees the spout
 * sampled ({@code topology.metrics.sample.every}), from which the stream's mean complete latency is read. Written
 * only by the task's executor thread, with plain reads and opaque writes, as {@link TaskStats}; read by any thread.
 */
public final class StreamStats {
    private static final VarHandle EMITTED;
    private static final VarHandle TRANSFERRED;
    private static final VarHandle ACKED;
    private static final VarHandle FAILED;
    private static final VarHandle COMPLETE_SAMPLES;
    private static final VarHandle COMPLETE_SUM_NANOS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            EMITTED = l.findVarHandle(StreamStats.class, "emitted", long.class);
            TRANSFERRED = l.findVarHandle(StreamStats.class, "transferred", long.class);
            ACKED = l.findVarHandle(StreamStats.class, "acked", long.class);
            FAILED = l.findVarHandle(StreamStats.class, "failed", long.class);
            COMPLETE_SAMPLES = l.findVarHandle(StreamStats.class, "completeSamples", long.class);
            COMPLETE_SUM_NANOS = l.findVarHandle(StreamStats.class, "completeSumNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String streamId;
    private long emitted;
    private long transferred;
    private long acked;
    private long failed;
    private long completeSamples;
    private long completeSumNanos;

    /** Counters for stream {@code streamId}. */
    public StreamStats(String streamId) {
        this.streamId = streamId;
    }

    /** The stream. */
    public String streamId() {
        return streamId;
    }

    /** Counts an emit sent to {@code targets} tasks. Owner thread. */
    public void emitted(int targets) {
        EMITTED.setOpaque(this, emitted + 1);
        TRANSFERRED.setOpaque(this, transferred + targets);
    }

    /** Counts a spout tree emitted on the stream that was acked. Owner thread. */
    public void acked() {
        ACKED.setOpaque(this, acked + 1);
    }

    /** Counts a spout tree emitted on the stream that failed or timed out. Owner thread. */
    public void failed() {
        FAILED.setOpaque(this, failed + 1);
    }

    /** Records the complete latency of a sampled acked tree emitted on the stream. Owner thread. */
    public void completeSampled(long latencyNanos) {
        COMPLETE_SUM_NANOS.setOpaque(this, completeSumNanos + latencyNanos);
        COMPLETE_SAMPLES.setOpaque(this, completeSamples + 1);
    }

    /** How many acked trees of the stream had their complete latency sampled. Any thread. */
    public long completeSamples() {
        return (long) COMPLETE_SAMPLES.getOpaque(this);
    }

    /** The sum of the sampled complete latencies, in microseconds. Any thread. */
    public long completeSumMicros() {
        return (long) COMPLETE_SUM_NANOS.getOpaque(this) / 1000;
    }

    /** Spout trees of the stream acked. Any thread. */
    public long ackedCount() {
        return (long) ACKED.getOpaque(this);
    }

    /** Spout trees of the stream failed or timed out. Any thread. */
    public long failedCount() {
        return (long) FAILED.getOpaque(this);
    }

    /** Tuples emitted on the stream. Any thread. */
    public long emittedCount() {
        return (long) EMITTED.getOpaque(this);
    }

    /** Tuples sent along the stream, one per target. Any thread. */
    public long transferredCount() {
        return (long) TRANSFERRED.getOpaque(this);
    }
}
