package io.squall.trident.planner;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An aggregation's processor alone: the built-in Count (counted in a long) gives what any combiner would. */
class AggregateOpTest {
    private static final Fields IN = new Fields("word");

    /** Count, but not the built-in class: goes through init and combine. */
    static final class PlainCount implements CombinerAggregator<Long> {
        @Override
        public Long init(TridentTuple tuple) {
            return 1L;
        }

        @Override
        public Long combine(Long val1, Long val2) {
            return val1 + val2;
        }

        @Override
        public Long zero() {
            return 0L;
        }
    }

    private static List<List<Object>> run(Fields group, Object aggregator, List<List<String>> batches) {
        Fields out = group == null ? new Fields("count") : new Fields("word", "count");
        Processor p = new AggregateOp(group, IN, aggregator, out).create();
        ProcessorContext ctx = new ProcessorContext(Map.of(), null, null);
        p.prepare(ctx);
        List<List<Object>> emitted = new ArrayList<>();
        p.downstream.add(t -> emitted.add(t.toWire()));
        long txid = 1;
        for (List<String> batch : batches) {
            ctx.tx = new TransactionAttempt(txid++, 0);
            p.startBatch();
            for (String w : batch) {
                p.execute(0, new TridentTupleView(IN, Arrays.asList((Object) w)));
            }
            p.finishBatch();
            emitted.add(List.of("end"));
        }
        return emitted;
    }

    @Test
    void theBuiltInCountGivesWhatItsInitAndCombineGivePerGroup() {
        List<List<String>> batches = new ArrayList<>();
        batches.add(List.of("a", "b", "a"));
        batches.add(List.of());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(i % 3 == 0 ? "x" : "y");
        }
        many.add(null);
        batches.add(many);
        Fields group = new Fields("word");
        List<List<Object>> expected = run(group, new PlainCount(), batches);
        assertEquals(expected, run(group, new Count(), batches));
        assertEquals(List.of("a", 2L), expected.get(0));
        assertEquals(Arrays.asList(null, 1L), expected.get(expected.size() - 2));
        assertEquals(Long.class, run(group, new Count(), batches).get(4).get(1).getClass());
    }

    @Test
    void anUngroupedCountEmitsZeroForAnEmptyBatch() {
        List<List<String>> batches = List.of(List.of("a", "b"), List.of());
        assertEquals(run(null, new PlainCount(), batches), run(null, new Count(), batches));
        assertEquals(List.of(List.of(2L), List.of("end"), List.of(0L), List.of("end")),
                run(null, new Count(), batches));
    }

    @Test
    void aSplitThatRefillsOneOutputTupleCountsLikeOneThatMakesATuplePerWord() {
        Fields sentenceWord = new Fields("sentence", "word");
        List<List<Object>> counts = new ArrayList<>();
        for (boolean reuse : new boolean[] {false, true}) {
            Processor split = new EachOp(new Fields("sentence"), new io.squall.trident.operation.BaseFunction() {
                @Override
                public void execute(TridentTuple tuple, io.squall.trident.operation.TridentCollector collector) {
                    for (String w : tuple.getString(0).split(" ")) {
                        collector.emit(new io.squall.tuple.Values(w));
                    }
                }
            }, sentenceWord).create();
            Processor count = new AggregateOp(new Fields("word"), sentenceWord, new Count(),
                    new Fields("word", "count")).create();
            assertEquals(false, count.keepsInput(), "counting keeps only the word");
            split.downstream.add(t -> count.execute(0, t));
            split.reuseOutput = reuse;
            ProcessorContext ctx = new ProcessorContext(Map.of(), null, null);
            ctx.tx = new TransactionAttempt(1L, 0);
            split.prepare(ctx);
            count.prepare(ctx);
            List<List<Object>> out = new ArrayList<>();
            count.downstream.add(t -> out.add(t.toWire()));
            count.startBatch();
            for (String s : List.of("a b a", "c a", "b")) {
                split.execute(0, new TridentTupleView(new Fields("sentence"), List.of(s)));
            }
            count.finishBatch();
            counts.add(List.of(out));
        }
        assertEquals(counts.get(0), counts.get(1));
        assertEquals(List.of(List.of(List.of("a", 3L), List.of("b", 2L), List.of("c", 1L))), counts.get(1));
        assertEquals(true, new AggregateOp(new Fields("word"), IN, new PlainCount(), new Fields("word", "count"))
                .create().keepsInput(), "a user's combiner gets the tuple");
    }
}
