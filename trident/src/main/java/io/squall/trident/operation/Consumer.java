package io.squall.trident.operation;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/** Looks at each tuple without changing the stream. */
public interface Consumer extends Serializable {
    /** Called for each tuple. */
    void accept(TridentTuple input);
}
