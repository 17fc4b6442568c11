package io.squall.coordination;

import io.squall.task.OutputCollector;
import io.squall.tuple.Tuple;

import java.util.List;

/** A {@link BatchOutputCollector} over a bolt's {@link OutputCollector}: emits unanchored, acks and fails through it. */
public class BatchOutputCollectorImpl extends BatchOutputCollector {
    private final OutputCollector collector;

    public BatchOutputCollectorImpl(OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public List<Integer> emit(String streamId, List<Object> tuple) {
        return collector.emit(streamId, tuple);
    }

    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple) {
        collector.emitDirect(taskId, streamId, tuple);
    }

    /** Sends what the bolt emitted so far at once ({@link OutputCollector#flush()}). */
    @Override
    public void flush() {
        collector.flush();
    }

    @Override
    public void reportError(Throwable error) {
        collector.reportError(error);
    }

    /** Acks a tuple of the batch. */
    public void ack(Tuple tup) {
        collector.ack(tup);
    }

    /** Fails a tuple of the batch. */
    public void fail(Tuple tup) {
        collector.fail(tup);
    }
}
