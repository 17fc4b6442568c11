package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

/**
 * The most general aggregation: per batch (and per group, after {@code groupBy}) {@link #init} makes a state,
 * {@link #aggregate} folds each tuple into it and may emit, {@link #complete} emits at the end of the batch.
 *
 * @param <T> the per-batch state
 */
public interface Aggregator<T> extends Operation {
    /** A fresh state for a batch (or group); {@code batchId} is the batch's {@code TransactionAttempt}. */
    T init(Object batchId, TridentCollector collector);

    /** Folds one tuple into the state. */
    void aggregate(T state, TridentTuple tuple, TridentCollector collector);

    /** Called at the end of the batch (or group). */
    void complete(T state, TridentCollector collector);
}
