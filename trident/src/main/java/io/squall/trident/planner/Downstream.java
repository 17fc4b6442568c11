package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;

/** Where a processor's output tuples go: a processor in the same task, or an edge to other tasks. */
interface Downstream {
    /** Takes one tuple. */
    void accept(TridentTupleView tuple);
}
