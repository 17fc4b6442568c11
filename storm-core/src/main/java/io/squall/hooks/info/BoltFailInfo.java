package io.squall.hooks.info;

import io.squall.tuple.Tuple;

/** A tuple a bolt task failed; the latency is null in Squall. */
public class BoltFailInfo {
    public Tuple tuple;
    public int failingTaskId;
    public Long failLatencyMs;

    public BoltFailInfo(Tuple tuple, int failingTaskId, Long failLatencyMs) {
        this.tuple = tuple;
        this.failingTaskId = failingTaskId;
        this.failLatencyMs = failLatencyMs;
    }
}
