package io.squall.runtime.executor;

import io.squall.runtime.api.CheckpointedBolt;
import io.squall.runtime.state.BarrierAligner;
import io.squall.spout.CheckPointState.Action;
import io.squall.spout.CheckpointSpout;
import io.squall.task.IBolt;
import io.squall.task.IOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.Clock;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bolt task does with checkpoint barriers: which of its inputs send them, and what it does once one
 * has arrived from all of them (carry the action out, forward it downstream, ack or fail it).
 */
final class Checkpoints {
    private Checkpoints() {
    }

    /** The barrier aligner of a task, or null when no input sends it the checkpoint stream. */
    static BarrierAligner aligner(TopologyContext context, BarrierAligner.Sink sink, Clock clock) {
        Set<Integer> sources = new HashSet<>();
        for (GlobalStreamId in : context.getThisSources().keySet()) {
            if (CheckpointSpout.CHECKPOINT_STREAM_ID.equals(in.getStreamId())) {
                sources.addAll(context.getComponentTasks(in.getComponentId()));
            }
        }
        if (sources.isEmpty()) {
            return null;
        }
        BarrierAligner aligner = new BarrierAligner(sources, sink, clock::nanoTime);
        context.registerGauge("checkpoint.alignment-ms", () -> aligner.lastAlignmentNanos() / 1_000_000.0);
        return aligner;
    }

    /**
     * Carries out an aligned checkpoint action: a task where a tuple failed since the last rollback fails the
     * PREPARE (the tuple's partial updates must not be committed); otherwise a stateful bolt acts on it. On
     * success the action is forwarded on the task's own checkpoint stream, anchored to the barriers, and the
     * barriers are acked; else they are failed and the checkpoint spout rolls back or retries.
     *
     * @return whether the task still counts a failure since the last rollback
     */
    static boolean carryOut(IBolt bolt, IOutputCollector task, TopologyContext context, long txid, String action,
                            List<Tuple> barriers, boolean failedSinceRollback) {
        Action a = Action.valueOf(action);
        boolean ok = !(failedSinceRollback && a == Action.PREPARE);
        if (ok && bolt instanceof CheckpointedBolt c) {
            ok = c.onCheckpoint(txid, a);
        }
        if (ok) {
            if (context.getThisStreams().contains(CheckpointSpout.CHECKPOINT_STREAM_ID)) {
                task.emit(CheckpointSpout.CHECKPOINT_STREAM_ID, barriers,
                        new Values(txid, action, barriers.get(0).getLong(2)));
            }
            barriers.forEach(task::ack);
        } else {
            barriers.forEach(task::fail);
        }
        boolean rolledBack = ok && (a == Action.ROLLBACK || a == Action.INITSTATE);
        return !rolledBack && (failedSinceRollback || !ok);
    }
}
