package io.squall.windowing;

import io.squall.tuple.Tuple;

import java.util.List;

/**
 * A window of tuples, as the runtime hands it to a windowed bolt's {@code execute}, and as a test builds one to call
 * a bolt's {@code execute} directly (Storm's {@code TupleWindowImpl}, with its constructors). The lists are the
 * caller's; the timestamps are in milliseconds, or null when not known.
 */
public record TupleWindowImpl(List<Tuple> get, List<Tuple> getNew, List<Tuple> getExpired, Long getStartTimestamp,
                              Long getEndTimestamp) implements TupleWindow {

    /** A window without timestamps. */
    public TupleWindowImpl(List<Tuple> tuples, List<Tuple> newTuples, List<Tuple> expiredTuples) {
        this(tuples, newTuples, expiredTuples, null, null);
    }

    @Override
    public String toString() {
        return "TupleWindow(" + getStartTimestamp + ", " + getEndTimestamp + "]: " + size(get) + " tuples, "
                + size(getNew) + " new, " + size(getExpired) + " expired";
    }

    private static String size(List<Tuple> tuples) {
        return tuples == null ? "no list of" : String.valueOf(tuples.size());
    }
}
