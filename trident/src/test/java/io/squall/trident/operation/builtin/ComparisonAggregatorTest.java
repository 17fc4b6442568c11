package io.squall.trident.operation.builtin;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonAggregatorTest {
    private static final Fields DEVICE = new Fields("id", "count", "name");

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Runs one batch through the aggregator and returns what it emitted. */
    private static <S> List<List<Object>> run(Aggregator<S> agg, List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        TridentCollector collector = new TridentCollector() {
            @Override
            public void emit(List<Object> values) {
                out.add(values);
            }

            @Override
            public void reportError(Throwable t) {
                throw new AssertionError(t);
            }
        };
        S state = agg.init(1L, collector);
        for (List<Object> r : rows) {
            TridentTuple t = new TridentTupleView(DEVICE, r);
            agg.aggregate(state, t, collector);
        }
        agg.complete(state, collector);
        return out;
    }

    private static final List<List<Object>> BATCH = List.of(
            row(1, 7, "pump"), row(2, 3, "fan"), row(3, 9, "valve"), row(4, 3, "door"), row(5, 9, "tap"));

    @Test
    void minAndMaxEmitEveryFieldOfTheWinningTupleLikeStorm() {
        assertEquals(List.of(row(4, 3, "door")), run(new Min("count"), BATCH), "ties keep the last tuple");
        assertEquals(List.of(row(5, 9, "tap")), run(new Max("count"), BATCH), "ties keep the last tuple");
        assertEquals(List.of(row(4, 3, "door")), run(new Min("name"), BATCH));
        assertEquals(List.of(row(3, 9, "valve")), run(new Max("name"), BATCH));
    }

    @Test
    void comparatorVersionsCompareAFieldOrWholeTuples() {
        Comparator<String> byLength = Comparator.comparingInt(String::length);
        assertEquals(List.of(row(5, 9, "tap")), run(new MinWithComparator<>("name", byLength), BATCH));
        assertEquals(List.of(row(3, 9, "valve")), run(new MaxWithComparator<>("name", byLength), BATCH));
        Comparator<TridentTuple> byIdDescending = Comparator.comparing(t -> -t.getIntegerByField("id"));
        assertEquals(List.of(row(5, 9, "tap")), run(new MinWithComparator<>(byIdDescending), BATCH));
        assertEquals(List.of(row(1, 7, "pump")), run(new MaxWithComparator<>(byIdDescending), BATCH));
    }

    @Test
    void nullValuesAreSkippedAndAnEmptyPartitionEmitsNothing() {
        assertEquals(List.of(row(2, 5, "b")), run(new Min("count"), List.of(row(1, null, "a"), row(2, 5, "b"))));
        assertEquals(List.of(), run(new Max("count"), List.of(row(1, null, "a"))));
        assertEquals(List.of(), run(new Max("count"), List.of()));
    }

    @Test
    void nonComparableValuesAndMissingFieldNamesGetClearErrors() {
        List<List<Object>> odd = List.of(row(1, new Object(), "a"), row(2, new Object(), "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new Max("count"), odd));
        assertTrue(e.getMessage().contains("'count'") && e.getMessage().contains("Comparable"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Min(null));
        assertThrows(IllegalArgumentException.class, () -> new MaxWithComparator<Integer>("count", null));
    }
}
