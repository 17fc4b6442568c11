package io.squall.trident;

import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.FirstN;
import io.squall.trident.operation.builtin.MapGet;
import io.squall.trident.operation.builtin.Max;
import io.squall.trident.operation.builtin.Min;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.MapState;
import io.squall.trident.state.map.ReadOnlyMapState;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.squall.trident.Ops.row;
import static io.squall.trident.Ops.spout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class OperationsIT {
    private static final Fields SENTENCE = new Fields("sentence");

    @Test
    void eachFilterMapFlatMapPeekAndProjectRewriteTuplesInOrder() {
        TridentTopology t = new TridentTopology();
        Sink each = new Sink();
        Sink mapped = new Sink();
        List<Object> peeked = java.util.Collections.synchronizedList(new ArrayList<>());
        PeekRegistry.LISTS.put("ops", peeked);
        Stream words = t.newStream("ops", spout(SENTENCE, 2, row("a b"), row("c"), row("d e")))
                .each(new Fields("sentence"), new Ops.Split(), new Fields("word"))
                .filter(new Fields("word"), new Ops.NotWord("c"));
        each.attach(words.project(new Fields("word", "sentence")));
        mapped.attach(words.project(new Fields("word"))
                .map(tuple -> new Values(tuple.getString(0).toUpperCase()))
                .flatMap(tuple -> List.of(new Values(tuple.getString(0)), new Values(tuple.getString(0) + "!")),
                        new Fields("w"))
                .peek(tuple -> PeekRegistry.LISTS.get("ops").add(tuple.getString(0))));
        Run.run(t, () -> mapped.awaitTxid(4));
        assertEquals(List.of(row("a", "a b"), row("b", "a b"), row("d", "d e"), row("e", "d e")), each.values());
        assertEquals(List.of(row("A"), row("A!"), row("B"), row("B!"), row("D"), row("D!"), row("E"), row("E!")),
                mapped.values());
        assertTrue(peeked.containsAll(List.of("A", "A!", "E!")), peeked.toString());
    }

    @Test
    void repartitioningsPlaceTuplesByTheirRule() {
        TridentTopology t = new TridentTopology();
        Fields w = new Fields("w");
        List<?>[] rows = new List<?>[12];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row("k" + (i % 4));
        }
        Stream s = t.newStream("parts", spout(w, 4, rows));
        Sink byKey = new Sink();
        Sink shuffled = new Sink();
        Sink broadcast = new Sink();
        Sink global = new Sink();
        Sink batchGlobal = new Sink();
        byKey.attach(s.partitionBy(w).parallelismHint(3).each(new Ops.PartitionIndex(), new Fields("p")));
        shuffled.attach(s.shuffle().parallelismHint(2).each(new Ops.PartitionIndex(), new Fields("p")));
        broadcast.attach(s.broadcast().parallelismHint(3).each(new Ops.PartitionIndex(), new Fields("p")));
        global.attach(s.global().parallelismHint(3).each(new Ops.PartitionIndex(), new Fields("p")));
        batchGlobal.attach(s.batchGlobal().parallelismHint(3).each(new Ops.PartitionIndex(), new Fields("p")));
        Run.run(t, () -> {
            for (Sink k : List.of(byKey, shuffled, broadcast, global, batchGlobal)) {
                k.awaitTxid(5);
            }
        });
        Map<Object, Set<Object>> partitionsOfKey = new HashMap<>();
        for (List<Object> r : byKey.values()) {
            partitionsOfKey.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(r.get(1));
        }
        assertEquals(4, partitionsOfKey.size());
        partitionsOfKey.values().forEach(p -> assertEquals(1, p.size(), partitionsOfKey.toString()));
        assertEquals(12, byKey.values().size());
        assertEquals(12, shuffled.values().size());
        assertEquals(Set.of(0, 1), partitions(shuffled.values()));
        assertEquals(36, broadcast.values().size());
        assertEquals(Set.of(0, 1, 2), partitions(broadcast.values()));
        assertEquals(12, global.values().size());
        assertEquals(1, partitions(global.values()).size());
        assertEquals(12, batchGlobal.values().size());
        Set<Object> all = new HashSet<>();
        for (List<List<Object>> batch : batchGlobal.byTxid().values()) {
            assertEquals(1, partitions(batch).size(), "one task per batch: " + batch);
            all.addAll(partitions(batch));
        }
        assertTrue(all.size() > 1, "batches spread over tasks: " + all);
    }

    @Test
    void aBatchSpoutWithAParallelismHintRunsOneCopyPerTaskEachEmittingItsOwnBatch() {
        TridentTopology t = new TridentTopology();
        Sink words = new Sink();
        words.attach(t.newStream("copies", new FixedBatchSpout(SENTENCE, 2, new Values("a b"), new Values("c"),
                        new Values("d")))
                .each(new Fields("sentence"), new Ops.Split(), new Fields("word"))
                .each(new Ops.PartitionIndex(), new Fields("p"))
                .parallelismHint(3));
        Run.run(t, () -> words.awaitTxid(3));
        Map<Long, List<List<Object>>> batches = words.byTxid();
        List<List<Object>> first = new ArrayList<>();
        List<List<Object>> second = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            first.addAll(List.of(row("a b", "a", p), row("a b", "b", p), row("c", "c", p)));
            second.add(row("d", "d", p));
        }
        assertEquals(Set.of(1L, 2L), batches.keySet(), "the third batch is empty: " + batches);
        assertEquals(multiset(first), multiset(batches.get(1L)));
        assertEquals(multiset(second), multiset(batches.get(2L)));
    }

    private static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
        Map<List<Object>, Integer> ret = new HashMap<>();
        rows.forEach(r -> ret.merge(r, 1, Integer::sum));
        return ret;
    }

    private static Set<Object> partitions(List<List<Object>> rows) {
        Set<Object> ret = new HashSet<>();
        rows.forEach(r -> ret.add(r.get(r.size() - 1)));
        return ret;
    }

    @Test
    void aggregationsCoverOneBatchOrOneGroupOfABatch() {
        TridentTopology t = new TridentTopology();
        Fields kv = new Fields("k", "v");
        Stream s = t.newStream("aggs", spout(kv, 4,
                row("a", 1), row("b", 5), row("a", 3), row("c", 2),
                row("b", 7), row("b", 1), row("a", 4), row("c", 9)));
        Sink grouped = new Sink();
        Sink sum = new Sink();
        Sink stats = new Sink();
        Sink firstN = new Sink();
        Sink reduced = new Sink();
        Sink partitioned = new Sink();
        grouped.attach(s.groupBy(new Fields("k")).aggregate(new Count(), new Fields("n")).parallelismHint(2));
        sum.attach(s.aggregate(new Fields("v"), new Sum(), new Fields("sum")));
        stats.attach(s.aggregate(new Fields("v"), new Min("v"), new Fields("min"))
                .each(new Fields(), new ConstantOne(), new Fields("one")));
        stats.attach(s.aggregate(new Fields("v"), new Max("v"), new Fields("max"))
                .each(new Fields(), new ConstantOne(), new Fields("one")));
        firstN.attach(s.applyAssembly(new FirstN(2, "v", true)));
        reduced.attach(s.groupBy(new Fields("k")).aggregate(new Fields("v"), new Concat(), new Fields("all")));
        partitioned.attach(s.partitionAggregate(new Fields("k"), new CountAgg(), new Fields("n")));
        Run.run(t, () -> {
            for (Sink k : List.of(grouped, sum, stats, firstN, reduced, partitioned)) {
                k.awaitTxid(3);
            }
        });
        Map<Long, List<List<Object>>> g = grouped.byTxid();
        assertEquals(Set.of(row("a", 2L), row("b", 1L), row("c", 1L)), new HashSet<>(g.get(1L)));
        assertEquals(Set.of(row("a", 1L), row("b", 2L), row("c", 1L)), new HashSet<>(g.get(2L)));
        assertEquals(List.of(row(11L)), sum.byTxid().get(1L));
        assertEquals(List.of(row(21L)), sum.byTxid().get(2L));
        assertEquals(List.of(row(0L)), sum.byTxid().get(3L), "an empty batch sums to zero");
        assertEquals(Set.of(row(1, 1), row(5, 1)), new HashSet<>(stats.byTxid().get(1L)));
        assertEquals(List.of(row("b", 5), row("a", 3)), firstN.byTxid().get(1L));
        assertEquals(List.of(row("c", 9), row("b", 7)), firstN.byTxid().get(2L));
        assertEquals(Set.of(row("a", "1+3"), row("b", "5"), row("c", "2")), new HashSet<>(reduced.byTxid().get(1L)));
        assertEquals(List.of(row(4)), partitioned.byTxid().get(1L));
    }

    @Test
    void stateQueriesReadMapStatesWithMapGetAndUserFunctions() {
        MemoryMapState.Factory prices = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        @SuppressWarnings("unchecked")
        MapState<Object> fill = (MapState<Object>) prices.makeState(null, null, 0, 1);
        fill.beginCommit(1L);
        fill.multiPut(List.of(row("apple"), row("pear")), List.of(3L, 5L));
        fill.commit(1L);
        TridentTopology t = new TridentTopology();
        TridentState state = t.newStream("prices-in", spout(new Fields("fruit", "price"), 1))
                .groupBy(new Fields("fruit"))
                .persistentAggregate(prices, new Fields("price"), new Sum(), new Fields("total"));
        Stream orders = t.newStream("orders", spout(new Fields("fruit"), 3, row("apple"), row("kiwi"), row("pear")));
        Sink got = new Sink();
        Sink doubled = new Sink();
        got.attach(orders.stateQuery(state, new Fields("fruit"), new MapGet(), new Fields("price")));
        doubled.attach(orders.groupBy(new Fields("fruit"))
                .stateQuery(state, new Fields("fruit"), new DoublePrice(), new Fields("double")));
        Run.run(t, () -> {
            got.awaitTxid(1);
            doubled.awaitTxid(1);
        });
        assertEquals(List.of(row("apple", 3L), row("kiwi", null), row("pear", 5L)), got.byTxid().get(1L));
        assertEquals(Set.of(row("apple", 6L), row("pear", 10L)), new HashSet<>(doubled.byTxid().get(1L)));
    }

    @Test
    void persistentAggregatesKeepValuesAcrossBatchesAndStreamTheirNewValues() {
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        MemoryMapState.Factory total = new MemoryMapState.Factory(StateType.OPAQUE);
        MemoryMapState.Factory lists = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        TridentTopology t = new TridentTopology();
        Stream words = t.newStream("persist", spout(SENTENCE, 1, row("a b"), row("b c"), row("a a")))
                .each(new Fields("sentence"), new Ops.Split(), new Fields("word"));
        Sink newValues = new Sink();
        newValues.attach(words.groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(2)
                .newValuesStream());
        words.persistentAggregate(total, new Count(), new Fields("all"));
        words.groupBy(new Fields("word")).persistentAggregate(lists, new Fields("word"), new Concat(),
                new Fields("seen"));
        Run.run(t, () -> newValues.awaitTxid(4));
        assertEquals(Map.of(row("a"), 3L, row("b"), 2L, row("c"), 1L), counts.snapshot());
        assertEquals(6L, total.get(List.of()));
        assertEquals("a+a+a", lists.get(row("a")));
        assertEquals(Set.of(row("a", 1L), row("b", 1L)), new HashSet<>(newValues.byTxid().get(1L)));
        assertEquals(Set.of(row("b", 2L), row("c", 1L)), new HashSet<>(newValues.byTxid().get(2L)));
        assertEquals(List.of(row("a", 3L)), newValues.byTxid().get(3L));
    }

    @Test
    void mergeUnitesTheSameBatchOfEveryStream() {
        TridentTopology t = new TridentTopology();
        Stream left = t.newStream("merge-l", spout(new Fields("x"), 1, row("l1"), row("l2")));
        Stream right = t.newStream("merge-r", spout(new Fields("y"), 2, row("r1"), row("r2"), row("r3")));
        Sink merged = new Sink();
        Stream m = t.merge(left, right);
        assertEquals(new Fields("x"), m.getOutputFields());
        merged.attach(m.parallelismHint(2));
        Run.run(t, () -> merged.awaitTxid(3));
        Map<Long, List<List<Object>>> b = merged.byTxid();
        assertEquals(Set.of(row("l1"), row("r1"), row("r2")), new HashSet<>(b.get(1L)));
        assertEquals(Set.of(row("l2"), row("r3")), new HashSet<>(b.get(2L)));
        assertEquals(null, b.get(3L));
    }

    @Test
    void joinPairsTuplesOfTheSameBatchOnEqualKeys() {
        TridentTopology t = new TridentTopology();
        Stream users = t.newStream("join-users", spout(new Fields("id", "name"), 2,
                row(1, "ann"), row(2, "bob"), row(3, "cy"), row(4, "di")));
        Stream clicks = t.newStream("join-clicks", spout(new Fields("user", "page"), 3,
                row(1, "home"), row(1, "cart"), row(3, "home"), row(4, "faq"), row(2, "late")));
        Sink joined = new Sink();
        joined.attach(t.join(users, new Fields("id"), clicks, new Fields("user"), new Fields("id", "name", "page"))
                .parallelismHint(2));
        Run.run(t, () -> joined.awaitTxid(3));
        Map<Long, List<List<Object>>> b = joined.byTxid();
        assertEquals(Set.of(row(1, "ann", "home"), row(1, "ann", "cart")), new HashSet<>(b.get(1L)),
                "3 is in batch 1 of clicks but batch 2 of users, so it does not join");
        assertEquals(Set.of(row(4, "di", "faq")), new HashSet<>(b.get(2L)));
    }

    /** Appends the constant 1. */
    static final class ConstantOne extends io.squall.trident.operation.BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            collector.emit(new Values(1));
        }
    }

    /** Joins the values of a group with '+'. */
    static final class Concat implements ReducerAggregator<String> {
        @Override
        public String init() {
            return "";
        }

        @Override
        public String reduce(String curr, TridentTuple tuple) {
            return curr.isEmpty() ? String.valueOf(tuple.getValue(0)) : curr + "+" + tuple.getValue(0);
        }
    }

    /** Counts tuples with a general aggregator. */
    static final class CountAgg extends BaseAggregator<int[]> {
        @Override
        public int[] init(Object batchId, TridentCollector collector) {
            return new int[1];
        }

        @Override
        public void aggregate(int[] state, TridentTuple tuple, TridentCollector collector) {
            state[0]++;
        }

        @Override
        public void complete(int[] state, TridentCollector collector) {
            collector.emit(new Values(state[0]));
        }
    }

    /** Looks up prices and emits twice the price of the known ones. */
    static final class DoublePrice extends BaseQueryFunction<ReadOnlyMapState<Object>, Object> {
        @Override
        public List<Object> batchRetrieve(ReadOnlyMapState<Object> state, List<TridentTuple> args) {
            List<List<Object>> keys = new ArrayList<>();
            args.forEach(a -> keys.add(a.getValues()));
            return state.multiGet(keys);
        }

        @Override
        public void execute(TridentTuple tuple, Object result, TridentCollector collector) {
            if (result != null) {
                collector.emit(new Values(2 * (Long) result));
            }
        }
    }

    /** Where peeks in a topology report, by test. */
    static final class PeekRegistry {
        static final Map<String, List<Object>> LISTS = new java.util.concurrent.ConcurrentHashMap<>();
    }
}
