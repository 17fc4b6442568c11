package io.squall.runtime.windowing;

import io.squall.tuple.Tuple;
import io.squall.windowing.TupleWindow;

import java.util.List;

/** A fired window of tuples; the lists are read-only and the caller's to keep. */
public record TupleWindowImpl(List<Tuple> get, List<Tuple> getNew, List<Tuple> getExpired, Long getStartTimestamp,
                              Long getEndTimestamp) implements TupleWindow {

    @Override
    public String toString() {
        return "TupleWindow(" + getStartTimestamp + ", " + getEndTimestamp + "]: " + get.size() + " tuples, "
                + getNew.size() + " new, " + getExpired.size() + " expired";
    }
}
