package io.squall.coordination;

import io.squall.utils.Utils;

import java.util.List;

/** How a batch bolt ({@link IBatchBolt}) emits: tuples are anchored to the batch by the runtime. */
public abstract class BatchOutputCollector {
    /** Emits on the default stream; returns the task ids it went to. */
    public List<Integer> emit(List<Object> tuple) {
        return emit(Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Emits on a stream; returns the task ids it went to. */
    public abstract List<Integer> emit(String streamId, List<Object> tuple);

    /** Emits to one task on the default stream. */
    public void emitDirect(int taskId, List<Object> tuple) {
        emitDirect(taskId, Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Emits to one task on a direct stream. */
    public abstract void emitDirect(int taskId, String streamId, List<Object> tuple);

    /** Reports an error to the topology's error log and the dashboard. */
    public abstract void reportError(Throwable error);

    /** Sends what the bolt emitted so far at once, rather than when its batch fills; nothing here by default. */
    public void flush() {
    }
}
