package io.squall.streams;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Testing;
import io.squall.streams.operations.CombinerAggregator;
import io.squall.streams.operations.mappers.PairValueMapper;
import io.squall.streams.operations.mappers.ValueMapper;
import io.squall.streams.windowing.SlidingWindows;
import io.squall.streams.windowing.TumblingWindows;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FeederSpout;
import io.squall.testing.FixedTupleSpout;
import io.squall.testing.MockedSources;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.spout.SpoutOutputCollector;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every operation of the Streams API run as a topology in local mode, on simulated time, with exact results: the
 * spouts are mocked (the first stream's spout is "spout1", the second's "spout3"), and each stream ends in a
 * {@code forEach} that records what reached it.
 */
@Timeout(60)
class StreamsTest {
    static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

    static Queue<Object> seen(String name) {
        return SEEN.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>());
    }

    /** A consumer that records into {@link #SEEN} under {@code name}. */
    static <T> io.squall.streams.operations.Consumer<T> record(String name) {
        return v -> seen(name).add(v);
    }

    static FeederSpout values() {
        return new FeederSpout(new Fields("v"));
    }

    static FeederSpout pairs() {
        return new FeederSpout(new Fields("k", "v"));
    }

    static Values[] rows(Object... singles) {
        return Arrays.stream(singles).map(Values::new).toArray(Values[]::new);
    }

    static void run(StreamBuilder builder, Map<String, Values[]> data) {
        Testing.withSimulatedTimeLocalCluster(cluster -> {
            MockedSources sources = new MockedSources();
            data.forEach(sources::addMockData);
            CompleteTopologyParam p = new CompleteTopologyParam();
            p.setMockedSources(sources);
            Config conf = new Config();
            conf.setMessageTimeoutSecs(60);
            p.setStormConf(conf);
            Testing.completeTopology(cluster, builder.build(), p);
        });
    }

    static <T> List<T> sorted(java.util.Collection<?> values) {
        @SuppressWarnings("unchecked")
        List<T> l = new ArrayList<>((java.util.Collection<T>) values);
        l.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return l;
    }

    /** The same values, in any order. */
    static void assertSameValues(List<?> expected, Queue<?> actual) {
        assertEquals(sorted(expected), sorted(actual));
    }

    @Test
    void filterMapFlatMapAndPeekRunInOrderOnEachValue() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<Integer>(0))
                .filter(x -> x % 2 == 0)
                .peek(record("peeked"))
                .map(x -> x * 10)
                .flatMap(x -> List.of(x, x + 1))
                .forEach(record("flat"));
        run(b, Map.of("spout1", rows(1, 2, 3, 4, 5, 6)));
        assertEquals(List.of(2, 4, 6), sorted(seen("peeked")));
        assertEquals(List.of(20, 21, 40, 41, 60, 61), sorted(seen("flat")));
    }

    /** (word, event time in ms) rows of a spout with fields "w" and "ts". */
    static Values[] timed(Object... wordsAndTimes) {
        List<Values> rows = new ArrayList<>();
        for (int i = 0; i < wordsAndTimes.length; i += 2) {
            rows.add(new Values(wordsAndTimes[i], ((Number) wordsAndTimes[i + 1]).longValue()));
        }
        return rows.toArray(Values[]::new);
    }

    @Test
    void eventTimeTumblingWindowsCountByTheTuplesTimesWithTheLagAndLeaveLateTuplesOut() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(new FeederSpout(new Fields("w", "ts")), new ValueMapper<String>(0))
                .window(TumblingWindows.of(Duration.seconds(10)).withTimestampField("ts").withLag(Duration.seconds(5)))
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .forEach(record("event-time"));
        // [0 s, 10 s) holds a, b, a and x (8 s arrives after 12 s, within the 5 s lag); "late" (2 s) comes after 16 s
        // moved the watermark to 11 s and fired [0, 10): it is late and counted nowhere. [10, 20) holds c and a; the
        // spout's end flushes [20, 30) with b.
        run(b, Map.of("spout1", timed("a", 1000, "b", 3000, "a", 9000, "c", 12000, "x", 8000, "a", 16000,
                "late", 2000, "b", 26000)));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("b", 1L), Pair.of("b", 1L), Pair.of("c", 1L),
                Pair.of("x", 1L)), sorted(seen("event-time")));
    }

    @Test
    void eventTimeSlidingWindowsFireByTheTuplesTimesOnly() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(new FeederSpout(new Fields("v", "ts")), new ValueMapper<Integer>(0))
                .window(SlidingWindows.of(Duration.seconds(10), Duration.seconds(5)).withTimestampField("ts"))
                .reduce(Integer::sum)
                .forEach(record("sliding-sum"));
        // Windows end every 5 s: [-5, 5) holds 1; [0, 10) 1, 2; [5, 15) 2, 4; [10, 20) 4, 8; [15, 25) 8 (flushed at
        // the end). Simulated time never moves: only the tuples' times fire these windows.
        run(b, Map.of("spout1", new Values[] {new Values(1, 1000L), new Values(2, 6000L), new Values(4, 12000L),
            new Values(8, 17000L)}));
        assertSameValues(List.of(1, 3, 6, 12, 8), seen("sliding-sum"));
    }

    @Test
    void countByKeyOutsideAWindowEmitsEachKeysRunningCount() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<String>(0), 2)
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .forEach(record("running"));
        run(b, Map.of("spout1", rows("a", "b", "a", "c", "a")));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("a", 3L), Pair.of("b", 1L),
                Pair.of("c", 1L)), sorted(seen("running")));
    }

    @Test
    void countByKeyInATumblingCountWindowCountsEachWindow() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<String>(0))
                .window(TumblingWindows.of(Count.of(3)))
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .forEach(record("windowed"));
        run(b, Map.of("spout1", rows("a", "b", "a", "a", "c", "c")));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("b", 1L), Pair.of("c", 2L)),
                sorted(seen("windowed")));
    }

    /** The average, as storm-starter's AggregateExample computes it. */
    static final class Avg implements CombinerAggregator<Integer, Pair<Integer, Integer>, Double> {
        private static final long serialVersionUID = 1L;

        @Override
        public Pair<Integer, Integer> init() {
            return Pair.of(0, 0);
        }

        @Override
        public Pair<Integer, Integer> apply(Pair<Integer, Integer> sumAndCount, Integer value) {
            return Pair.of(sumAndCount.value1 + value, sumAndCount.value2 + 1);
        }

        @Override
        public Pair<Integer, Integer> merge(Pair<Integer, Integer> a, Pair<Integer, Integer> b) {
            return Pair.of(a.value1 + b.value1, a.value2 + b.value2);
        }

        @Override
        public Double result(Pair<Integer, Integer> sumAndCount) {
            return (double) sumAndCount.value1 / sumAndCount.value2;
        }
    }

    @Test
    void globalAggregateReduceAndCountGiveOneResultPerWindowOverAllPartitions() {
        StreamBuilder b = new StreamBuilder();
        Stream<Integer> windowed = b.newStream(values(), new ValueMapper<Integer>(0))
                .window(TumblingWindows.of(Count.of(4)));
        windowed.aggregate(new Avg()).forEach(record("avg"));
        windowed.reduce(Integer::sum).forEach(record("global-sum"));
        windowed.count().forEach(record("count"));
        windowed.aggregate(0L, (acc, x) -> acc + x * x, Long::sum).forEach(record("squares"));
        run(b, Map.of("spout1", rows(1, 2, 3, 6, 10, 20, 30, 40)));
        assertSameValues(List.of(3.0, 25.0), seen("avg"));
        assertSameValues(List.of(12, 100), seen("global-sum"));
        assertSameValues(List.of(4L, 4L), seen("count"));
        assertSameValues(List.of(50L, 3000L), seen("squares"));
    }

    @Test
    void globalAggregateOutsideAWindowEmitsTheRunningResultFromOneTask() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<Integer>(0), 2).reduce(Integer::sum).forEach(record("running-sum"));
        run(b, Map.of("spout1", rows(1, 2, 3, 4)));
        List<Integer> sums = sorted(seen("running-sum"));
        assertEquals(4, sums.size());
        assertEquals(10, sums.stream().mapToInt(Integer::intValue).max().getAsInt(), "the last running sum: " + sums);
    }

    @Test
    @SuppressWarnings("unchecked") // Storm's branch takes generic varargs
    void branchSendsEachValueToTheFirstMatchingPredicateOnly() {
        StreamBuilder b = new StreamBuilder();
        Stream<Integer>[] parts = b.newStream(values(), new ValueMapper<Integer>(0))
                .branch(x -> x % 2 == 0, x -> x % 3 == 0, x -> x > 100);
        parts[0].forEach(record("even"));
        parts[1].forEach(record("three"));
        parts[2].forEach(record("big"));
        run(b, Map.of("spout1", rows(1, 2, 3, 6, 9, 7)));
        assertEquals(List.of(2, 6), sorted(seen("even")));
        assertEquals(List.of(3, 9), sorted(seen("three")), "6 went to the first branch only; 1 and 7 nowhere");
        assertEquals(List.of(), sorted(seen("big")));
    }

    @Test
    void pairOperationsByKeyPerWindow() {
        StreamBuilder b = new StreamBuilder();
        PairStream<String, Integer> scores = b.newStream(pairs(), new PairValueMapper<String, Integer>(0, 1))
                .window(TumblingWindows.of(Count.of(5)));
        scores.groupByKey().forEach(record("grouped"));
        scores.reduceByKey(Math::max).forEach(record("max"));
        scores.aggregateByKey(0, (acc, v) -> acc + v, Integer::sum).forEach(record("sum"));
        scores.mapValues(v -> v * 2).filter(p -> p.getFirst().equals("bob")).forEach(record("bob-doubled"));
        scores.flatMapValues(v -> List.of(v, -v)).filter(p -> p.getSecond() < 0).forEach(record("negated"));
        run(b, Map.of("spout1", new Values[] {new Values("alice", 10), new Values("bob", 15), new Values("bob", 20),
            new Values("alice", 11), new Values("alice", 13)}));
        assertEquals(List.of(Pair.of("alice", List.of(10, 11, 13)), Pair.of("bob", List.of(15, 20))),
                sorted(seen("grouped")));
        assertEquals(List.of(Pair.of("alice", 13), Pair.of("bob", 20)), sorted(seen("max")));
        assertEquals(List.of(Pair.of("alice", 34), Pair.of("bob", 35)), sorted(seen("sum")));
        assertEquals(List.of(Pair.of("bob", 30), Pair.of("bob", 40)), sorted(seen("bob-doubled")));
        assertEquals(5, seen("negated").size());
    }

    @Test
    void slidingCountWindowsOverlap() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(pairs(), new PairValueMapper<String, Integer>(0, 1))
                .reduceByKeyAndWindow(Integer::sum, SlidingWindows.of(Count.of(4), Count.of(2)))
                .forEach(record("sliding"));
        run(b, Map.of("spout1", new Values[] {new Values("k", 1), new Values("k", 2), new Values("k", 3),
            new Values("k", 4), new Values("k", 5), new Values("k", 6)}));
        // Windows of the last four, every two: [1, 2], [1..4], [3..6].
        assertEquals(List.of(Pair.of("k", 10), Pair.of("k", 18), Pair.of("k", 3)), sorted(seen("sliding")));
    }

    static final String[] JOINS = {"inner", "left", "right", "full", "cogroup"};

    @Test
    void joinsOfAWindowWithAnotherStreamByKey() {
        StreamBuilder b = new StreamBuilder();
        PairStream<Integer, Integer> squares = b.newStream(pairs(), new PairValueMapper<Integer, Integer>(0, 1));
        PairStream<Integer, Integer> cubes = b.newStream(pairs(), new PairValueMapper<Integer, Integer>(0, 1));
        PairStream<Integer, Integer> window = squares.window(TumblingWindows.of(Duration.seconds(5)));
        window.join(cubes).forEach(record("inner"));
        window.leftOuterJoin(cubes).forEach(record("left"));
        window.rightOuterJoin(cubes).forEach(record("right"));
        window.fullOuterJoin(cubes, (s, c) -> s + "/" + c).forEach(record("full"));
        window.coGroupByKey(cubes).forEach(record("cogroup"));
        run(b, Map.of("spout1", new Values[] {new Values(1, 1), new Values(2, 4), new Values(3, 9)},
                "spout3", new Values[] {new Values(2, 8), new Values(3, 27), new Values(4, 64)}));
        assertEquals(List.of(Pair.of(2, Pair.of(4, 8)), Pair.of(3, Pair.of(9, 27))), sorted(seen("inner")));
        assertEquals(List.of(Pair.of(1, Pair.of(1, null)), Pair.of(2, Pair.of(4, 8)), Pair.of(3, Pair.of(9, 27))),
                sorted(seen("left")));
        assertEquals(List.of(Pair.of(2, Pair.of(4, 8)), Pair.of(3, Pair.of(9, 27)), Pair.of(4, Pair.of(null, 64))),
                sorted(seen("right")));
        assertEquals(List.of(Pair.of(1, "1/null"), Pair.of(2, "4/8"), Pair.of(3, "9/27"), Pair.of(4, "null/64")),
                sorted(seen("full")));
        assertEquals(List.of(Pair.of(1, Pair.of(List.of(1), List.of())), Pair.of(2, Pair.of(List.of(4), List.of(8))),
                Pair.of(3, Pair.of(List.of(9), List.of(27))), Pair.of(4, Pair.of(List.of(), List.of(64)))),
                sorted(seen("cogroup")));
    }

    @Test
    void repartitionKeepsEveryValue() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<Integer>(0)).repartition(3).map(x -> x + 1).forEach(record("moved"));
        run(b, Map.of("spout1", rows(1, 2, 3, 4, 5, 6, 7)));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), sorted(seen("moved")));
    }

    /** Emits its values once each, with message ids, and again any that fail, as a reliable source does. */
    static class ReplayingSpout extends BaseRichSpout {
        private final List<String> values;
        private transient SpoutOutputCollector collector;
        private transient java.util.Deque<Integer> toSend;

        ReplayingSpout(String... values) {
            this.values = List.of(values);
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            toSend = new java.util.ArrayDeque<>();
            for (int i = 0; i < values.size(); i++) {
                toSend.add(i);
            }
        }

        @Override
        public void nextTuple() {
            Integer i = toSend.poll();
            if (i != null) {
                collector.emit(new Values(values.get(i)), i);
            }
        }

        @Override
        public void fail(Object msgId) {
            toSend.add((Integer) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("v"));
        }
    }

    @Test
    void updateStateByKeyKeepsCountsThatAStateQueryReads() {
        StreamBuilder b = new StreamBuilder();
        Stream<String> words = b.newStream(new ReplayingSpout("a", "b", "a", "a"), new ValueMapper<String>(0));
        Stream<String> queries = b.newStream(new ReplayingSpout("a", "b", "z"), new ValueMapper<String>(0));
        StreamState<String, Long> counts = words
                .repartition(2)
                .mapToPair(w -> Pair.of(w, 1))
                .updateStateByKey(0L, (count, one) -> count + one);
        counts.toPairStream().forEach(record("updates"));
        // The queries wait for a window of 20 s, so they reach the state after the updates.
        queries.window(TumblingWindows.of(Duration.seconds(20)))
                .stateQuery(counts)
                .forEach(record("answers"));
        // The checkpoint spout never finishes, so no completeTopology: simulated time, advanced until answered.
        Testing.withSimulatedTimeLocalCluster(cluster -> {
            LocalCluster local = (LocalCluster) cluster;
            local.submitTopology("state", new Config(), b.build());
            for (int s = 0; s < 60 && seen("answers").size() < 2; s++) {
                local.advanceClusterTime(1);
            }
            assertEquals(null, local.getTopologyFailure("state"));
        });
        // Words that reached the state before its first checkpoint were failed and replayed, as in Storm.
        List<Pair<String, Long>> updates = sorted(seen("updates"));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("a", 3L), Pair.of("b", 1L)),
                updates.stream().distinct().toList());
        assertSameValues(List.of(Pair.of("a", 3L), Pair.of("b", 1L)), seen("answers"));
    }

    static final Queue<List<Object>> TO_BOLT = new ConcurrentLinkedQueue<>();

    /** Records the fields and values of what it gets. */
    static class Recorder extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            List<Object> row = new ArrayList<>(input.getFields().toList());
            row.addAll(input.getValues());
            TO_BOLT.add(row);
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void toSendsPairsAsKeyAndValueAndOtherValuesAsValue() {
        StreamBuilder b = new StreamBuilder();
        Stream<String> words = b.newStream(values(), new ValueMapper<String>(0));
        words.mapToPair(w -> Pair.of(w, w.length())).to(new Recorder(), 2);
        words.map(String::toUpperCase).to(new Recorder());
        run(b, Map.of("spout1", rows("ab", "c")));
        assertEquals(List.of(List.of("key", "value", "ab", 2), List.of("key", "value", "c", 1),
                List.of("value", "AB"), List.of("value", "C")), sorted(TO_BOLT));
    }
}
