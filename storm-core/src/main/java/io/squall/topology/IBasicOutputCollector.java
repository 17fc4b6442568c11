package io.squall.topology;

import io.squall.task.IErrorReporter;
import io.squall.tuple.Tuple;

import java.util.List;

/**
 * What an {@link IBasicBolt}'s collector does, as Storm's interface: code that takes one (a helper shared by bolts, a
 * test's stand-in) works with {@link BasicOutputCollector}.
 */
public interface IBasicOutputCollector extends IErrorReporter {
    /** Emits on {@code streamId}, anchored to the input being processed; returns the tasks it went to. */
    List<Integer> emit(String streamId, List<Object> tuple);

    /** Emits to one task on a direct stream, anchored to the input being processed. */
    void emitDirect(int taskId, String streamId, List<Object> tuple);

    /** Resets the message timeout of the trees {@code tuple} belongs to. */
    void resetTimeout(Tuple tuple);
}
