package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

import java.io.Serializable;

/** Turns each tuple into zero or more new tuples. */
public interface FlatMapFunction extends Serializable {
    /** The new tuples' values. */
    Iterable<Values> execute(TridentTuple input);
}
