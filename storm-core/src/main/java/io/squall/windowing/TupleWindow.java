package io.squall.windowing;

import io.squall.tuple.Tuple;

/** The tuples of one window, given to a windowed bolt's {@code execute}. */
public interface TupleWindow extends Window<Tuple> {
}
