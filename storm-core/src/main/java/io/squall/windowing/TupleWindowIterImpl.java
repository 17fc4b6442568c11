package io.squall.windowing;

import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * A window whose tuples are read through an iterator, as Storm's {@code TupleWindowIterImpl} (what Storm gives a
 * stateful windowed bolt whose window is persisted): {@link #getIter()} iterates the tuples without a list;
 * {@link #get()} makes the list once; the new and expired tuples are not known.
 */
public final class TupleWindowIterImpl implements TupleWindow {
    private final Supplier<Iterator<Tuple>> tuples;
    private final Long startTimestamp;
    private final Long endTimestamp;
    private List<Tuple> list;

    /** The new and expired tuples' iterators are accepted, as Storm's, and not read. */
    public TupleWindowIterImpl(Supplier<Iterator<Tuple>> tuplesIt, Supplier<Iterator<Tuple>> newTuplesIt,
                               Supplier<Iterator<Tuple>> expiredTuplesIt, Long startTimestamp, Long endTimestamp) {
        this.tuples = tuplesIt;
        this.startTimestamp = startTimestamp;
        this.endTimestamp = endTimestamp;
    }

    @Override
    public List<Tuple> get() {
        if (list == null) {
            List<Tuple> all = new ArrayList<>();
            tuples.get().forEachRemaining(all::add);
            list = Collections.unmodifiableList(all);
        }
        return list;
    }

    @Override
    public Iterator<Tuple> getIter() {
        Iterator<Tuple> it = tuples.get();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple next() {
                return it.next();
            }
        };
    }

    /** Not known for an iterated window, as in Storm. */
    @Override
    public List<Tuple> getNew() {
        throw new UnsupportedOperationException("An iterated window does not keep its new tuples");
    }

    /** Not known for an iterated window, as in Storm. */
    @Override
    public List<Tuple> getExpired() {
        throw new UnsupportedOperationException("An iterated window does not keep its expired tuples");
    }

    @Override
    public Long getStartTimestamp() {
        return startTimestamp;
    }

    @Override
    public Long getEndTimestamp() {
        return endTimestamp;
    }
}
