package io.squall.coordination;

import io.squall.utils.Utils;

import java.util.List;

/** Where an {@link IBatchBolt} emits; every tuple it emits is part of its batch (request). */
public abstract class BatchOutputCollector {
    /** Emits on the default stream; returns the tasks it went to. */
    public List<Integer> emit(List<Object> tuple) {
        return emit(Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Emits on a stream; returns the tasks it went to. */
    public abstract List<Integer> emit(String streamId, List<Object> tuple);

    /** Emits on the default (direct) stream to one task. */
    public void emitDirect(int taskId, List<Object> tuple) {
        emitDirect(taskId, Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Emits on a direct stream to one task. */
    public abstract void emitDirect(int taskId, String streamId, List<Object> tuple);

    /** Reports an error to the topology's error log. */
    public abstract void reportError(Throwable error);
}
