package io.squall.spout;

import java.util.List;

/** What a spout's collector does; implemented by the runtime. */
public interface ISpoutOutputCollector {
    /** Emits on a stream; returns the task ids the tuple was sent to. */
    List<Integer> emit(String streamId, List<Object> tuple, Object messageId);

    /** Emits on a direct stream to one task. */
    void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId);

    /** Reports an error to the topology's error log and the dashboard. */
    void reportError(Throwable error);

    /** Number of tuple trees emitted by this task and not yet acked, failed or timed out. */
    long getPendingCount();

    /**
     * Sends what this task emitted so far now, rather than when the executor's batch fills or its round ends (within
     * the round anyway). Executor thread only; a collector that buffers nothing does nothing.
     */
    default void flush() {
    }
}
