package io.squall.trident.planner;

import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.List;

/** What a task has received of one batch attempt so far. Confined to the task thread. */
final class PendingBatch {
    /**
     * Sub-batch rows from task {@code sourceTask}, entering at {@code entryNode} as its input {@code inputIndex}, with
     * the task's watermark after the batch, which counts if {@code eventTime} ({@link BatchWatermarks}).
     */
    record Input(int entryNode, int inputIndex, Fields fields, List<List<Object>> rows, int sourceTask,
                 boolean eventTime, long watermark) {
    }

    final TransactionAttempt tx;
    final int expected;
    final List<Input> inputs = new ArrayList<>();
    final List<Tuple> held = new ArrayList<>();
    Tuple commitTuple;
    private int received;

    PendingBatch(TransactionAttempt tx, int expected) {
        this.tx = tx;
        this.expected = expected;
    }

    /** Counts one more received sub-batch. */
    void received() {
        received++;
    }

    boolean complete() {
        return received == expected;
    }
}
