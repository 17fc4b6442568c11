package io.squall.windowing;

import io.squall.Testing;
import io.squall.testing.MkTupleParam;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Storm's window classes as a bolt's unit test builds them to call {@code execute(TupleWindow)} itself. */
class TupleWindowImplTest {
    private static Tuple number(int n) {
        MkTupleParam p = new MkTupleParam();
        p.setFields("n");
        return Testing.testTuple(new Values(n), p);
    }

    /** What a windowed bolt's execute would do with the window: sum its numbers. */
    private static int sum(TupleWindow window) {
        int sum = 0;
        for (java.util.Iterator<Tuple> it = window.getIter(); it.hasNext(); ) {
            sum += it.next().getIntegerByField("n");
        }
        return sum;
    }

    @Test
    void aWindowOfListsAsStormsTestsBuildIt() {
        List<Tuple> tuples = List.of(number(1), number(2), number(3));
        TupleWindow plain = new TupleWindowImpl(tuples, null, null);
        assertEquals(6, sum(plain));
        assertEquals(tuples, plain.get());
        assertNull(plain.getNew(), "as given");
        assertNull(plain.getEndTimestamp());
        assertEquals("TupleWindow(null, null]: 3 tuples, no list of new, no list of expired", plain.toString());

        TupleWindow timed = new TupleWindowImpl(tuples, tuples.subList(2, 3), List.of(), 1_000L, 2_000L);
        assertEquals(1_000L, timed.getStartTimestamp());
        assertEquals(2_000L, timed.getEndTimestamp());
        assertEquals(1, timed.getNew().size());
    }

    @Test
    void anIteratedWindowReadsItsTuplesEachTimeAndKnowsNoNewOrExpired() {
        List<Tuple> store = new ArrayList<>(List.of(number(4), number(5)));
        TupleWindow window = new TupleWindowIterImpl(store::iterator, null, null, 0L, 10L);
        assertEquals(9, sum(window));
        assertEquals(9, sum(window), "a new iterator each time");
        assertEquals(2, window.get().size());
        assertThrows(UnsupportedOperationException.class, () -> window.getIter().remove());
        assertThrows(UnsupportedOperationException.class, window::getNew);
        assertThrows(UnsupportedOperationException.class, window::getExpired);
        assertEquals(10L, window.getEndTimestamp());
    }
}
