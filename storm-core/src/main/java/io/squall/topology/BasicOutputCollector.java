package io.squall.topology;

import io.squall.task.OutputCollector;
import io.squall.tuple.Tuple;
import io.squall.utils.Utils;

import java.util.List;

/** The collector of an {@link IBasicBolt}: every emit is anchored to the input being processed. */
public class BasicOutputCollector implements IBasicOutputCollector {
    private final OutputCollector out;
    private Tuple input;

    /** Wraps the bolt's collector. */
    public BasicOutputCollector(OutputCollector out) {
        this.out = out;
    }

    /** Sets the input that emits anchor to (called by the runtime before each execute). */
    public void setContext(Tuple input) {
        this.input = input;
    }

    /** Emits on a stream, anchored to the current input. */
    @Override
    public List<Integer> emit(String streamId, List<Object> tuple) {
        return out.emit(streamId, input, tuple);
    }

    /** Emits on the default stream, anchored to the current input. */
    public List<Integer> emit(List<Object> tuple) {
        return emit(Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Emits to one task on a direct stream, anchored to the current input. */
    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple) {
        out.emitDirect(taskId, streamId, input, tuple);
    }

    /** Emits to one task on the default (direct) stream, anchored to the current input. */
    public void emitDirect(int taskId, List<Object> tuple) {
        emitDirect(taskId, Utils.DEFAULT_STREAM_ID, tuple);
    }

    /** Restarts the timeout of the current input's trees. */
    @Override
    public void resetTimeout(Tuple tuple) {
        out.resetTimeout(tuple);
    }

    /** Reports an error to the topology's error log. */
    @Override
    public void reportError(Throwable error) {
        out.reportError(error);
    }

    /** The underlying collector. */
    public OutputCollector getOutputter() {
        return out;
    }
}
