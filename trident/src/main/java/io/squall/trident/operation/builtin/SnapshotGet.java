package io.squall.trident.operation.builtin;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.state.snapshot.ReadOnlySnapshottable;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a single-value state (an ungrouped {@code persistentAggregate}'s) for each tuple; emits the value (null
 * when none yet).
 */
public class SnapshotGet extends BaseQueryFunction<ReadOnlySnapshottable<Object>, Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Object> batchRetrieve(ReadOnlySnapshottable<Object> state, List<TridentTuple> args) {
        return new ArrayList<>(Collections.nCopies(args.size(), state.get()));
    }

    @Override
    public void execute(TridentTuple tuple, Object result, TridentCollector collector) {
        collector.emit(new Values(result));
    }
}
