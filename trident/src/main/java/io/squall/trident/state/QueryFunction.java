package io.squall.trident.state;

import io.squall.trident.operation.Operation;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/**
 * Reads a state for a batch of tuples at once ({@link #batchRetrieve}), then emits for each tuple with its
 * result; the emitted values are appended to the tuple.
 */
public interface QueryFunction<S extends State, T> extends Operation {
    /** One result per tuple, in order. */
    List<T> batchRetrieve(S state, List<TridentTuple> args);

    /** Emits the output for one tuple and its result. */
    void execute(TridentTuple tuple, T result, TridentCollector collector);
}
