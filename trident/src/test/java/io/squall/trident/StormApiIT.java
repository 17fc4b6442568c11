package io.squall.trident;

import io.squall.Await;
import io.squall.LocalDRPC;
import io.squall.DRPC;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.task.IMetricsContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.Grouping;
import io.squall.trident.fluent.ChainedAggregatorDeclarer;
import io.squall.trident.operation.GroupedMultiReducer;
import io.squall.trident.operation.MultiReducer;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentMultiReducerContext;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.Debug;
import io.squall.trident.operation.builtin.Equals;
import io.squall.trident.operation.builtin.FilterNull;
import io.squall.trident.operation.builtin.MapGet;
import io.squall.trident.operation.builtin.Negate;
import io.squall.trident.operation.builtin.SnapshotGet;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.operation.builtin.TupleCollectionGet;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.state.ITupleCollection;
import io.squall.trident.state.ReadOnlyState;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;
import io.squall.trident.testing.CountAsAggregator;
import io.squall.trident.testing.FeederBatchSpout;
import io.squall.trident.testing.LRUMemoryMapState;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.testing.Split;
import io.squall.trident.testing.StringLength;
import io.squall.trident.testing.TrueFilter;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.windowing.config.TumblingCountWindow;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.squall.trident.Ops.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operations Storm's Trident API has, with exact results per batch; batches come from a FeederBatchSpout. */
@Timeout(120)
class StormApiIT {
    private static final Fields KA = new Fields("k", "a");
    private static final Fields KB = new Fields("k", "b");

    /** The rows committed in a batch, sorted (tasks deliver rows in no fixed order). */
    private static List<List<Object>> batch(Sink sink, long txid) {
        List<List<Object>> rows = new ArrayList<>(sink.byTxid().getOrDefault(txid, List.of()));
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private static List<List<Object>> sorted(List<?>... rows) {
        List<List<Object>> ret = new ArrayList<>();
        for (List<?> r : rows) {
            ret.add(new ArrayList<>(r));
        }
        ret.sort(Comparator.comparing(Object::toString));
        return ret;
    }

    private static FeederBatchSpout feeder(Fields fields, List<?>... batches) {
        FeederBatchSpout spout = new FeederBatchSpout(fields.toList());
        for (List<?> b : batches) {
            spout.feed(b);
        }
        return spout;
    }

    @Test
    void joinsInnerOuterMixedPreservedAndMultiReduced() {
        TridentTopology t = new TridentTopology();
        Stream a = t.newStream("api-join-a", feeder(KA,
                List.of(row(1, "a1"), row(2, "a2"), row(2, "a2'")),
                List.of()));
        Stream b = t.newStream("api-join-b", feeder(KB,
                List.of(row(2, "b2"), row(3, "b3")),
                List.of(row(4, "b4"))));
        Fields out = new Fields("k", "a", "b");
        Sink inner = new Sink();
        Sink left = new Sink();
        Sink full = new Sink();
        Sink preserved = new Sink();
        Sink grouped = new Sink();
        Sink counts = new Sink();
        inner.attach(t.join(a, new Fields("k"), b, new Fields("k"), out));
        left.attach(t.join(a, new Fields("k"), b, new Fields("k"), out, JoinType.mixed(JoinType.INNER,
                JoinType.OUTER)).parallelismHint(2));
        full.attach(t.join(List.of(a, b), List.of(new Fields("k"), new Fields("k")), out, JoinType.OUTER));
        preserved.attach(t.join(a, new Fields("k"), b, new Fields("k"), new Fields("ka", "a", "kb", "b"),
                JoinOutFieldsMode.PRESERVE));
        grouped.attach(t.multiReduce(a.groupBy(new Fields("k")), b.groupBy(new Fields("k")), new CountPerStream(),
                new Fields("na", "nb")));
        counts.attach(t.multiReduce(new Fields("a"), a, new Fields("b"), b, new TotalPerStream(),
                new Fields("na", "nb")));
        Run.run(t, () -> List.of(inner, left, full, preserved, grouped, counts).forEach(s -> s.awaitTxid(2)));

        assertEquals(sorted(row(2, "a2", "b2"), row(2, "a2'", "b2")), batch(inner, 1));
        assertEquals(List.of(), batch(inner, 2));
        assertEquals(sorted(row(1, "a1", null), row(2, "a2", "b2"), row(2, "a2'", "b2")), batch(left, 1));
        assertEquals(List.of(), batch(left, 2), "the left stream has no key 4");
        assertEquals(sorted(row(1, "a1", null), row(2, "a2", "b2"), row(2, "a2'", "b2"), row(3, null, "b3")),
                batch(full, 1));
        assertEquals(sorted(row(4, null, "b4")), batch(full, 2));
        assertEquals(sorted(row(2, "a2", 2, "b2"), row(2, "a2'", 2, "b2")), batch(preserved, 1));
        assertEquals(sorted(row(1, 1, 0), row(2, 2, 1), row(3, 0, 1)), batch(grouped, 1));
        assertEquals(sorted(row(4, 0, 1)), batch(grouped, 2));
        assertEquals(List.of(row(3, 2)), batch(counts, 1));
        assertEquals(List.of(row(0, 1)), batch(counts, 2));
    }

    @Test
    void aggregationsChainsComparisonsAndPersistentReducers() {
        TridentTopology t = new TridentTopology();
        Fields wn = new Fields("w", "n");
        Stream s = t.newStream("api-aggs", feeder(wn,
                List.of(row("a", 3), row("b", 1), row("a", 5), row("c", 2)),
                List.of(row("b", 7))));
        Sink minBy = new Sink();
        Sink maxBy = new Sink();
        Sink maxW = new Sink();
        Sink chained = new Sink();
        Sink groupedChain = new Sink();
        Sink counted = new Sink();
        Sink running = new Sink();
        Sink perWord = new Sink();
        Sink windows = new Sink();
        minBy.attach(s.minBy("n"));
        maxBy.attach(s.maxBy("n", Comparator.<Integer>naturalOrder()));
        maxW.attach(s.max(new ByWord()));
        chained.attach(s.chainedAgg().aggregate(new Fields("n"), new Sum(), new Fields("sum"))
                .aggregate(new Count(), new Fields("count")).chainEnd());
        groupedChain.attach(s.groupBy(new Fields("w")).chainedAgg().aggregate(new Count(), new Fields("c"))
                .aggregate(new Fields("n"), new Sum(), new Fields("s")).chainEnd());
        counted.attach(s.partitionAggregate(new CountAsAggregator(), new Fields("count")));
        MemoryMapState.Factory total = new MemoryMapState.Factory();
        running.attach(s.persistentAggregate(total, new Fields("n"), new SumReducer(), new Fields("total"))
                .newValuesStream());
        StateSpec spec = new StateSpec(new MemoryMapState.Factory());
        spec.requiredNumPartitions = 2;
        perWord.attach(s.groupBy(new Fields("w")).persistentAggregate(spec, new Fields("n"), new SumReducer(),
                new Fields("total")).newValuesStream());
        windows.attach(s.window(TumblingCountWindow.of(2), new Fields("n"), new CountAsAggregator(),
                new Fields("count")));
        Run.run(t, () -> List.of(minBy, maxBy, maxW, chained, groupedChain, counted, running, perWord, windows)
                .forEach(k -> k.awaitTxid(2)));

        assertEquals(List.of(row("b", 1)), batch(minBy, 1));
        assertEquals(List.of(row("b", 7)), batch(minBy, 2));
        assertEquals(List.of(row("a", 5)), batch(maxBy, 1));
        assertEquals(List.of(row("c", 2)), batch(maxW, 1));
        assertEquals(List.of(row(11L, 4L)), batch(chained, 1));
        assertEquals(List.of(row(7L, 1L)), batch(chained, 2));
        assertEquals(sorted(row("a", 2L, 8L), row("b", 1L, 1L), row("c", 1L, 2L)), batch(groupedChain, 1));
        assertEquals(List.of(row("b", 1L, 7L)), batch(groupedChain, 2));
        assertEquals(List.of(row(4L)), batch(counted, 1));
        assertEquals(List.of(row(11)), batch(running, 1));
        assertEquals(List.of(row(18)), batch(running, 2), "the reducer continues from the stored value");
        assertEquals(sorted(row("a", 8), row("b", 1), row("c", 2)), batch(perWord, 1));
        assertEquals(List.of(row("b", 8)), batch(perWord, 2));
        assertEquals(List.of(row(2L), row(2L)), batch(windows, 1), "four tuples fill two windows of two");
        assertEquals(List.of(), batch(windows, 2), "one tuple waits for the next window");
    }

    @Test
    void partitioningsStaticStatesQueriesAndBuiltins() {
        TridentTopology t = new TridentTopology();
        Fields ws = new Fields("w", "s");
        Stream s = t.newStream("api-parts", feeder(ws,
                List.of(row("a", "x y"), row("b", null), row("c", "c"), row("d", "zz")),
                List.of(row("a", "a"))));
        Sink last = new Sink();
        Sink byGrouping = new Sink();
        Sink identity = new Sink();
        Sink local = new Sink();
        Sink prices = new Sink();
        Sink listed = new Sink();
        Sink builtins = new Sink();
        Sink lengths = new Sink();
        Sink snapshot = new Sink();
        last.attach(s.partition(new LastTask()).parallelismHint(3).each(new Ops.PartitionIndex(), new Fields("p")));
        byGrouping.attach(s.partition(Grouping.fields(List.of("w"))).parallelismHint(2)
                .each(new Ops.PartitionIndex(), new Fields("p")));
        identity.attach(s.shuffle().parallelismHint(2).each(new Ops.PartitionIndex(), new Fields("p"))
                .identityPartition().parallelismHint(2).each(new Ops.PartitionIndex(), new Fields("q")));
        local.attach(s.localOrShuffle().parallelismHint(2).applyAssembly(in -> in.project(new Fields("w"))));
        TridentState priceList = t.newStaticState(new PriceListFactory());
        prices.attach(s.stateQuery(priceList, new Fields("w"), new Price(), new Fields("price"))
                .project(new Fields("w", "price")));
        listed.attach(s.global().aggregate(new Count(), new Fields("n"))
                .stateQuery(priceList, new TupleCollectionGet(), new Fields("item", "price")));
        builtins.attach(s.each(new Fields("s"), new FilterNull()).each(new Fields("w", "s"), new Equals())
                .each(new Fields("w"), new Debug(true)).filter(new TrueFilter()));
        lengths.attach(s.each(new Fields("s"), new FilterNull())
                .each(new Fields("w", "s"), new Negate(new Equals()))
                .each(new Fields("s"), new Split(), new Fields("word"))
                .each(new Fields("word"), new StringLength(), new Fields("len")).project(new Fields("word", "len")));
        TridentState count = s.persistentAggregate(new LRUMemoryMapState.Factory(10), new Count(),
                new Fields("count"));
        snapshot.attach(s.global().aggregate(new Count(), new Fields("ignored"))
                .stateQuery(count, new SnapshotGet(), new Fields("count")).project(new Fields("count")));
        Run.run(t, () -> List.of(last, byGrouping, identity, local, prices, listed, builtins, lengths, snapshot)
                .forEach(k -> k.awaitTxid(2)));

        for (List<Object> r : last.values()) {
            assertEquals(2, r.get(2), "the custom grouping sends everything to the last task: " + r);
        }
        assertEquals(5, last.values().size());
        List<List<Object>> keyed = byGrouping.values();
        assertEquals(5, keyed.size());
        Object aTask = keyed.stream().filter(r -> r.get(0).equals("a")).map(r -> r.get(2)).distinct().toList();
        assertEquals(1, ((List<?>) aTask).size(), "fields grouping keeps key a in one task: " + keyed);
        for (List<Object> r : identity.values()) {
            assertEquals(r.get(2), r.get(3), "task i feeds task i: " + r);
        }
        assertEquals(5, identity.values().size());
        assertEquals(sorted(row("a"), row("b"), row("c"), row("d")), batch(local, 1));
        assertEquals(sorted(row("a", 10), row("b", 20), row("c", null), row("d", null)), batch(prices, 1));
        assertEquals(sorted(row(4L, "a", 10), row(4L, "b", 20)), batch(listed, 1));
        assertEquals(List.of(row("c", "c")), batch(builtins, 1));
        assertEquals(List.of(row("a", "a")), batch(builtins, 2));
        assertEquals(sorted(row("x", 1), row("y", 1), row("zz", 2)), batch(lengths, 1));
        assertEquals(List.of(), batch(lengths, 2));
        Object first = batch(snapshot, 1).get(0).get(0);
        assertTrue(first == null || first.equals(4L), "the query sees the count before or after batch 1 commits: "
                + first);
        assertEquals(5L, ((Number) LRUMemoryMapStateTotal.of(count)).longValue());
    }

    @Test
    void drpcStreamAnswersConcurrentQueriesOverAStateAndFailsAFailedOne() throws Exception {
        TridentTopology t = new TridentTopology();
        MemoryMapState.Factory counts = new MemoryMapState.Factory();
        TridentState wordCounts = t.newStream("api-drpc-words", Ops.spout(new Fields("sentence"), 2,
                        row("the cat"), row("the dog"), row("a cat"), row("the end")))
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"));
        try (LocalDRPC drpc = new LocalDRPC(Map.of(DRPC.REQUEST_TIMEOUT_SECS, 30))) {
            t.newDRPCStream("words", drpc)
                    .each(new Fields("args"), new Split(), new Fields("word"))
                    .each(new Fields("word"), new Negate(new Boom()))
                    .groupBy(new Fields("word"))
                    .stateQuery(wordCounts, new Fields("word"), new MapGet(), new Fields("count"))
                    .each(new Fields("count"), new FilterNull())
                    .aggregate(new Fields("count"), new Sum(), new Fields("sum"));
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                Run.run(t, () -> {
                    Await.until(Duration.ofSeconds(30), () -> Long.valueOf(1).equals(counts.get(List.of("end"))),
                            () -> "the word counts");
                    List<Future<String>> answers = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        answers.add(clients.submit(() -> drpc.execute("words", "cat the nope")));
                    }
                    for (Future<String> a : answers) {
                        assertEquals("[[5]]", get(a), "cat 2 + the 3");
                    }
                    assertEquals("[[0]]", drpc.execute("words", "nope"));
                    DRPCExecutionException e = assertThrows(DRPCExecutionException.class,
                            () -> drpc.execute("words", "cat boom"));
                    assertEquals(DRPCExceptionType.FAILED_REQUEST, e.getType(), e.getMessage());
                    assertEquals("[[2]]", drpc.execute("words", "cat"), "the stream goes on after a failure");
                });
            } finally {
                clients.shutdownNow();
            }
        }
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Throws for the word "boom", failing its batch. */
    static final class Boom extends io.squall.trident.operation.BaseFilter {
        @Override
        public boolean isKeep(TridentTuple tuple) {
            if (tuple.getString(0).equals("boom")) {
                throw new IllegalStateException("boom");
            }
            return false;
        }
    }

    @Test
    void badCallsAreRefusedWithTheReason() {
        TridentTopology t = new TridentTopology();
        Stream a = t.newStream("api-bad-a", feeder(KA));
        Stream b = t.newStream("api-bad-b", feeder(KB));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.join(a, new Fields("k"), b, new Fields("k"), new Fields("k", "a")));
        assertTrue(e.getMessage().contains("must name 3 values"), e.getMessage());
        // Storm's declarer types refuse the mix at compile time; the declarer itself still refuses it at run time
        ChainedAggregatorDeclarer chain = a.chainedAgg();
        chain.partitionAggregate(new Count(), new Fields("x"));
        e = assertThrows(IllegalArgumentException.class, () -> chain.aggregate(new Count(), new Fields("y")));
        assertTrue(e.getMessage().contains("cannot mix"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.minBy("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.partition(Grouping.of(Grouping.Type.DIRECT)));
        assertTrue(e.getMessage().contains("direct"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> t.newStaticState(new PriceListFactory()).newValuesStream());
        assertTrue(s.getMessage().contains("static"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FeederBatchSpout(List.of("x")).feed(
                List.of(row(1, 2))));
        assertTrue(e.getMessage().contains("[x]"), e.getMessage());
    }

    /** Reads a map state's value under the empty key, where an ungrouped persistent aggregation keeps it. */
    private static final class LRUMemoryMapStateTotal {
        static Object of(TridentState state) {
            return ((LRUMemoryMapState.Factory) state.getFactory()).get(List.of());
        }
    }

    static final class ByWord implements Comparator<TridentTuple>, java.io.Serializable {
        @Override
        public int compare(TridentTuple x, TridentTuple y) {
            return x.getStringByField("w").compareTo(y.getStringByField("w"));
        }
    }

    static final class SumReducer implements ReducerAggregator<Integer> {
        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Integer reduce(Integer curr, TridentTuple tuple) {
            return curr + tuple.getInteger(0);
        }
    }

    /** Per group: how many tuples each stream has. */
    static final class CountPerStream implements GroupedMultiReducer<int[]> {
        @Override
        public void prepare(Map<String, Object> conf, TridentMultiReducerContext context) {
        }

        @Override
        public int[] init(TridentCollector collector, TridentTuple group) {
            return new int[2];
        }

        @Override
        public void execute(int[] state, int streamIndex, TridentTuple group, TridentTuple input,
                            TridentCollector collector) {
            state[streamIndex]++;
        }

        @Override
        public void complete(int[] state, TridentTuple group, TridentCollector collector) {
            collector.emit(new Values(state[0], state[1]));
        }

        @Override
        public void cleanup() {
        }
    }

    /** Per batch: how many tuples each stream has. */
    static final class TotalPerStream implements MultiReducer<int[]> {
        @Override
        public void prepare(Map<String, Object> conf, TridentMultiReducerContext context) {
        }

        @Override
        public int[] init(TridentCollector collector) {
            return new int[2];
        }

        @Override
        public void execute(int[] state, int streamIndex, TridentTuple input, TridentCollector collector) {
            state[streamIndex]++;
        }

        @Override
        public void complete(int[] state, TridentCollector collector) {
            collector.emit(new Values(state[0], state[1]));
        }

        @Override
        public void cleanup() {
        }
    }

    /** Sends every tuple to the last target task. */
    static final class LastTask implements CustomStreamGrouping {
        private int last;

        @Override
        public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
            last = targetTasks.get(targetTasks.size() - 1);
        }

        @Override
        public List<Integer> chooseTasks(int taskId, List<Object> values) {
            return List.of(last);
        }
    }

    /** A read-only price list: a = 10, b = 20. */
    static final class PriceList extends ReadOnlyState implements ITupleCollection {
        static final Map<String, Integer> PRICES = Map.of("a", 10, "b", 20);

        @Override
        public Iterator<List<Object>> getTuples() {
            List<List<Object>> ret = new ArrayList<>();
            PRICES.forEach((k, v) -> ret.add(List.of(k, v)));
            return ret.iterator();
        }
    }

    static final class PriceListFactory implements StateFactory {
        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new PriceList();
        }
    }

    static final class Price extends BaseQueryFunction<PriceList, Integer> {
        @Override
        public List<Integer> batchRetrieve(PriceList state, List<TridentTuple> args) {
            List<Integer> ret = new ArrayList<>();
            for (TridentTuple t : args) {
                ret.add(PriceList.PRICES.get(t.getString(0)));
            }
            return ret;
        }

        @Override
        public void execute(TridentTuple tuple, Integer result, TridentCollector collector) {
            collector.emit(new Values(result));
        }
    }
}
