package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

import java.io.Serializable;

/** Turns each tuple into exactly one new tuple. */
public interface MapFunction extends Serializable {
    /** The new tuple's values. */
    Values execute(TridentTuple input);
}
