package io.squall.trident.testing;

import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

/** Emits the length of the first input field, a string. */
public class StringLength extends BaseFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public void execute(TridentTuple tuple, TridentCollector collector) {
        collector.emit(new Values(tuple.getString(0).length()));
    }
}
