package io.squall.windowing;

import io.squall.tuple.Tuple;

import java.util.Iterator;

/** The tuples of one window, given to a windowed bolt's {@code execute}. */
public interface TupleWindow extends Window<Tuple> {
    /**
     * An iterator over the window's tuples, oldest first, as Storm's {@code getIter}. Squall keeps a
     * window's tuples in memory, so this is the same as iterating {@link #get()}.
     */
    default Iterator<Tuple> getIter() {
        return get().iterator();
    }
}
