package io.squall.hooks.info;

import io.squall.tuple.Tuple;

/** A tuple a bolt task acked; the latency is null in Squall (see the process-latency metric). */
public class BoltAckInfo {
    public Tuple tuple;
    public int ackingTaskId;
    public Long processLatencyMs;

    public BoltAckInfo(Tuple tuple, int ackingTaskId, Long processLatencyMs) {
        this.tuple = tuple;
        this.ackingTaskId = ackingTaskId;
        this.processLatencyMs = processLatencyMs;
    }
}
