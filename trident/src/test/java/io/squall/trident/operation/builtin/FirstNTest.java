package io.squall.trident.operation.builtin;

import io.squall.Config;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.TrueFilter;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FirstNTest {
    private static final Fields KV = new Fields("k", "v");
    private static final List<List<Object>> BATCH = List.of(
            row("a", 5), row("b", 2), row("c", 9), row("d", 2), row("e", null), row("f", 7));

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
            agg.aggregate(state, new TridentTupleView(KV, r), collector);
        }
        agg.complete(state, collector);
        return out;
    }

    @Test
    void firstNAggEmitsTheFirstNTuplesAsTheyArrive() {
        assertEquals(List.of(row("a", 5), row("b", 2), row("c", 9)), run(new FirstN.FirstNAgg(3), BATCH));
        assertEquals(List.of(row("a", 5)), run(new FirstN.FirstNAgg(1), BATCH));
        assertEquals(BATCH, run(new FirstN.FirstNAgg(10), BATCH), "fewer than n: all of them");
        assertEquals(List.of(), run(new FirstN.FirstNAgg(2), List.of()), "an empty batch emits nothing");
    }

    @Test
    void firstNSortedAggEmitsTheLeastOrGreatestBestFirstTiesInArrivalOrder() {
        assertEquals(List.of(row("b", 2), row("d", 2), row("a", 5)),
                run(new FirstN.FirstNSortedAgg(3, "v", false), BATCH));
        assertEquals(List.of(row("c", 9), row("f", 7)), run(new FirstN.FirstNSortedAgg(2, "v", true), BATCH));
        assertEquals(List.of(row("f", 7), row("e", null)), run(new FirstN.FirstNSortedAgg(2, "k", true), BATCH));
        assertEquals(List.of(row("b", 2), row("d", 2), row("a", 5), row("f", 7), row("c", 9), row("e", null)),
                run(new FirstN.FirstNSortedAgg(10, "v", false), BATCH), "a null value sorts after all others");
        assertEquals(List.of(row("c", 9), row("f", 7), row("a", 5), row("b", 2), row("d", 2), row("e", null)),
                run(new FirstN.FirstNSortedAgg(6, "v", true), BATCH), "reversed, null still last");
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FirstN(0, "v"));
        assertTrue(e.getMessage().contains("n >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FirstN.FirstNSortedAgg(2, null, false));
        assertTrue(e.getMessage().contains("FirstNAgg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run(new FirstN.FirstNSortedAgg(1, "v", false),
                List.of(row("x", new Object()))));
        assertTrue(e.getMessage().contains("'v'") && e.getMessage().contains("not Comparable"), e.getMessage());
    }

    /** Keeps what reaches it, per test. */
    public static final class Capture extends BaseFilter {
        static final List<List<Object>> SEEN = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean isKeep(TridentTuple tuple) {
            SEEN.add(new ArrayList<>(tuple));
            return true;
        }
    }

    @Test
    void theAssemblyKeepsTheFirstNOfEachBatchAcrossTasks() {
        Capture.SEEN.clear();
        FixedBatchSpout spout = new FixedBatchSpout(KV, 6, BATCH);
        TridentTopology t = new TridentTopology();
        t.newStream("firstn", spout)
                .shuffle()
                .each(KV, new TrueFilter()).parallelismHint(3)
                .applyAssembly(new FirstN(3, "v", true))
                .each(KV, new Capture());
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf)) {
            d.advance(Duration.ofMillis(1000), Duration.ofMillis(50));
        }
        assertEquals(List.of(row("c", 9), row("f", 7), row("a", 5)), Capture.SEEN,
                "one batch of six over three tasks: each keeps its best three, then one task the best of all");
    }
}
