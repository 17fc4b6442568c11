package io.squall.trident.testing;

import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

/** Emits each word (split on spaces, empty ones skipped) of the first input field. */
public class Split extends BaseFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public void execute(TridentTuple tuple, TridentCollector collector) {
        for (String word : tuple.getString(0).split(" ")) {
            if (!word.isEmpty()) {
                collector.emit(new Values(word));
            }
        }
    }
}
