package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;
import java.util.Map;

/**
 * Reduces the tuples of several grouped streams in a batch together, group by group: what it emits follows the
 * group's values.
 *
 * @param <T> the per-group state
 */
public interface GroupedMultiReducer<T> extends Serializable {
    /** Called once on the task's thread before the first batch. */
    void prepare(Map<String, Object> conf, TridentMultiReducerContext context);

    /** A fresh state for a group of a batch. */
    T init(TridentCollector collector, TridentTuple group);

    /** One tuple of stream {@code streamIndex} in {@code group}, with that stream's input fields. */
    void execute(T state, int streamIndex, TridentTuple group, TridentTuple input, TridentCollector collector);

    /** Called at the end of the batch for each group. */
    void complete(T state, TridentTuple group, TridentCollector collector);

    /** Called once when the task stops. */
    void cleanup();
}
