package io.squall.windowing;

import io.squall.tuple.Tuple;

/**
 * The tuples of one window, given to a windowed bolt's {@code execute}. Squall keeps a window's tuples in memory,
 * so {@link #getIter()} is the same as iterating {@link #get()}.
 */
public interface TupleWindow extends Window<Tuple> {
}
