package io.squall.runtime.state;

import io.squall.spout.CheckpointSpout;
import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Aligns checkpoint barriers at one bolt task, so that each checkpoint is a consistent cut. A barrier is a
 * tuple on the {@code $checkpoint} stream; every input task that carries that stream sends one per
 * checkpoint action. Once an input task has delivered the barrier in progress, its later tuples are held
 * here until every other such input has delivered it too; then the action runs ({@link Sink#onAligned})
 * and the held tuples follow, in their order. Inputs that carry no barriers (spouts) are never held. A
 * barrier carries the checkpoint spout's attempt number, which increases with every action it sends: a barrier
 * of a later attempt than the one in progress means the one in progress was given up upstream (it failed or timed
 * out at the checkpoint spout), so its barriers are failed and alignment starts again on the new one; a barrier
 * of an earlier attempt (or of one already carried out) is stale and is failed at once. So the barriers of one
 * alignment always come from the same attempt, and every task cuts the stream at the same places. Memory: what is held is bounded by the spouts' pending limits.
 * Executor thread only.
 */
public final class BarrierAligner {
    /** Where tuples go once they may be processed. */
    public interface Sink {
        /** Processes a data tuple. */
        void process(Tuple tuple);

        /** Every barrier input delivered the barrier {@code (txid, action)}: carry it out, ack or fail them. */
        void onAligned(long txid, String action, List<Tuple> barriers);

        /** The barriers of an alignment that was given up: fail them. */
        void onAbandoned(List<Tuple> barriers);
    }

    private final Set<Integer> barrierSources;
    private final Sink sink;
    private final LongSupplier nanoClock;
    private final Set<Integer> arrivedFrom = new HashSet<>();
    private final List<Tuple> arrived = new ArrayList<>();
    private List<Tuple> held = new ArrayList<>();
    /** The attempt being aligned, and the last one carried out. */
    private long attempt = Long.MIN_VALUE;
    private long lastCompletedAttempt = Long.MIN_VALUE;
    private long alignStartNanos;
    private long lastAlignmentNanos;

    /** @param barrierSources the tasks that send this task the checkpoint stream; not empty */
    public BarrierAligner(Set<Integer> barrierSources, Sink sink, LongSupplier nanoClock) {
        if (barrierSources.isEmpty()) {
            throw new IllegalArgumentException("A barrier aligner needs at least one barrier input");
        }
        this.barrierSources = Set.copyOf(barrierSources);
        this.sink = sink;
        this.nanoClock = nanoClock;
    }

    /** Whether {@code tuple} is a checkpoint barrier. */
    public static boolean isBarrier(Tuple tuple) {
        return CheckpointSpout.CHECKPOINT_STREAM_ID.equals(tuple.getSourceStreamId());
    }

    /** Takes the next tuple from the queue. */
    public void offer(Tuple tuple) {
        if (!arrivedFrom.isEmpty() && arrivedFrom.contains(tuple.getSourceTask())) { // Empty between alignments.
            held.add(tuple);
        } else if (isBarrier(tuple)) {
            onBarrier(tuple);
        } else {
            sink.process(tuple);
        }
    }

    private void onBarrier(Tuple barrier) {
        long nowNanos = nanoClock.getAsLong();
        long a = barrier.getLong(2);
        if (a < attempt || arrived.isEmpty() && a <= lastCompletedAttempt) {
            // Stale: sent before the barrier in progress (or one already carried out), e.g. a PREPARE that one
            // input forwarded before another failed it. Failing it costs nothing: its attempt is over.
            sink.onAbandoned(List.of(barrier));
            return;
        }
        if (!arrived.isEmpty() && a > attempt) {
            List<Tuple> given = new ArrayList<>(arrived);
            arrived.clear();
            arrivedFrom.clear();
            sink.onAbandoned(given);
            release();
            offer(barrier);
            return;
        }
        if (arrived.isEmpty()) {
            attempt = a;
            alignStartNanos = nowNanos;
        }
        arrived.add(barrier);
        arrivedFrom.add(barrier.getSourceTask());
        if (arrivedFrom.containsAll(barrierSources)) {
            List<Tuple> complete = new ArrayList<>(arrived);
            arrived.clear();
            arrivedFrom.clear();
            lastCompletedAttempt = attempt;
            lastAlignmentNanos = nowNanos - alignStartNanos;
            sink.onAligned(barrier.getLong(0), barrier.getString(1), complete);
            release();
        }
    }

    /** Offers the held tuples again, in order; they may start the next alignment. */
    private void release() {
        if (held.isEmpty()) {
            return;
        }
        List<Tuple> again = held;
        held = new ArrayList<>();
        for (Tuple h : again) {
            offer(h);
        }
    }

    /** Tuples held back by the alignment in progress. */
    public int heldCount() {
        return held.size();
    }

    /** How long the last completed alignment took, from its first barrier to its last, in nanoseconds. */
    public long lastAlignmentNanos() {
        return lastAlignmentNanos;
    }
}
