package io.squall.task;

import io.squall.tuple.Tuple;

import java.util.Collection;
import java.util.List;

/** What a bolt's collector does; implemented by the runtime. */
public interface IOutputCollector {
    /** Emits anchored to {@code anchors} (may be empty); returns the task ids the tuple was sent to. */
    List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple);

    /** Emits on a direct stream to one task. */
    void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple);

    /** Marks the input done: its part of every tree it belongs to is complete. */
    void ack(Tuple input);

    /** Fails every tree the input belongs to; the spouts are told at once. */
    void fail(Tuple input);

    /** Restarts the message timeout of the trees the input belongs to. */
    void resetTimeout(Tuple input);

    /** Reports an error to the topology's error log and the dashboard. */
    void reportError(Throwable error);

    /**
     * Sends what this task emitted and acked so far now, rather than when the executor's batch fills or its round
     * ends (within the round anyway). Executor thread only; a collector that buffers nothing does nothing.
     */
    default void flush() {
    }
}
