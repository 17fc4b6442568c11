package io.squall.hooks.info;

import io.squall.tuple.Tuple;

/** A tuple a bolt task executed; the latency is null in Squall (see the execute-latency metric). */
public class BoltExecuteInfo {
    public Tuple tuple;
    public int executingTaskId;
    public Long executeLatencyMs;

    public BoltExecuteInfo(Tuple tuple, int executingTaskId, Long executeLatencyMs) {
        this.tuple = tuple;
        this.executingTaskId = executingTaskId;
        this.executeLatencyMs = executeLatencyMs;
    }
}
