package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;
import java.util.Map;

/**
 * Reduces the tuples of several streams in a batch together ({@code TridentTopology.multiReduce}): one state per
 * batch, {@link #execute} for each tuple with the index of its stream, {@link #complete} at the end.
 *
 * @param <T> the per-batch state
 */
public interface MultiReducer<T> extends Serializable {
    /** Called once on the task's thread before the first batch. */
    void prepare(Map<String, Object> conf, TridentMultiReducerContext context);

    /** A fresh state for a batch. */
    T init(TridentCollector collector);

    /** One tuple of stream {@code streamIndex}, with that stream's input fields. */
    void execute(T state, int streamIndex, TridentTuple input, TridentCollector collector);

    /** Called at the end of the batch. */
    void complete(T state, TridentCollector collector);

    /** Called once when the task stops. */
    void cleanup();
}
