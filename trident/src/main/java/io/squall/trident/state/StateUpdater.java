package io.squall.trident.state;

import io.squall.trident.operation.Operation;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/**
 * Writes a batch of tuples into a state ({@code partitionPersist}); what it emits forms the state's new-values
 * stream.
 */
public interface StateUpdater<S extends State> extends Operation {
    /** Called once per batch, between the state's {@code beginCommit} and {@code commit}. */
    void updateState(S state, List<TridentTuple> tuples, TridentCollector collector);
}
