package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

/**
 * Emits zero or more tuples for each input tuple; each emitted tuple is appended to the input tuple, so the
 * output has the input's fields followed by the function's fields.
 */
public interface Function extends Operation {
    /** Called for each tuple; emit as many tuples of the function's fields as wanted. */
    void execute(TridentTuple tuple, TridentCollector collector);
}
