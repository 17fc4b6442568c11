package io.squall.streams;

import io.squall.Testing;
import io.squall.streams.operations.mappers.PairValueMapper;
import io.squall.streams.operations.mappers.TupleValueMappers;
import io.squall.streams.operations.mappers.ValueMapper;
import io.squall.streams.operations.mappers.ValuesMapper;
import io.squall.streams.tuple.Tuple3;
import io.squall.streams.windowing.SlidingWindows;
import io.squall.streams.windowing.TumblingWindows;
import io.squall.testing.MkTupleParam;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a StreamBuilder compiles streams into spouts and bolts, and what it refuses; no cluster. */
class StreamBuilderTest {
    private static Map<String, String> inputs(ComponentSpec c) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<GlobalStreamId, Grouping> e : c.getInputs().entrySet()) {
            if (e.getKey().getStreamId().equals("$checkpoint")) {
                continue; // what the stateful bolt's checkpoints add to every bolt
            }
            List<String> fields = e.getValue().getFields();
            out.put(e.getKey().getComponentId() + ":" + e.getKey().getStreamId(), e.getValue().getType()
                    + (fields == null || fields.isEmpty() ? "" : fields.toString()));
        }
        return out;
    }

    @Test
    void windowedWordCountBecomesASpoutAMapperAWindowAndACountByKey() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(new TestWordSpout(), new ValueMapper<String>(0), 2)
                .window(TumblingWindows.of(Duration.seconds(2)))
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .filter(p -> p.getSecond() > 1)
                .print();
        StormTopology t = b.build();
        assertEquals(List.of("spout1"), t.getSpouts().stream().map(ComponentSpec::getId).toList());
        assertEquals(2, t.getComponent("spout1").getParallelism());
        assertEquals(Map.of("spout1:default", "LOCAL_OR_SHUFFLE"), inputs(t.getComponent("bolt2")));
        assertEquals(2, t.getComponent("bolt3").getParallelism(), "the window runs at the stream's parallelism");
        assertEquals(Map.of("bolt2:s2", "LOCAL_OR_SHUFFLE"), inputs(t.getComponent("bolt3")));
        assertEquals(Map.of("bolt3:s4", "FIELDS[key]", "bolt3:" + BoltPlan.PUNCTUATION, "ALL"),
                inputs(t.getComponent("bolt5")), "the count by key, closed by the window's punctuations");
        assertEquals(3, t.getBolts().size(), "the mapToPair, filter and print run inside the bolts before them");
    }

    @Test
    void aGlobalAggregateRunsInOneTaskAndAStateQueryInItsStatesBolt() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(new TestWordSpout(), new ValueMapper<String>(0), 3).count().print();
        StreamState<String, Long> state = b.newStream(new TestWordSpout(), new ValueMapper<String>(0), 2)
                .mapToPair(w -> Pair.of(w, 1L)).updateStateByKey(0L, Long::sum);
        b.newStream(new TestWordSpout(), new ValueMapper<String>(0)).stateQuery(state).print();
        StormTopology t = b.build();
        assertEquals(1, t.getComponent("bolt3").getParallelism());
        assertEquals(Map.of("bolt2:s2", "GLOBAL"), inputs(t.getComponent("bolt3")));
        ComponentSpec stateBolt = t.getComponent("bolt8");
        assertEquals(2, stateBolt.getParallelism());
        assertTrue(inputs(stateBolt).keySet().containsAll(List.of("bolt6:s7", "bolt10:s10k")), inputs(stateBolt)
                + " holds the updates and the queries, both grouped by key");
        assertEquals("FIELDS[key]", inputs(stateBolt).get("bolt10:s10k"));
    }

    @Test
    void joinNeedsAWindowOnEitherStream() {
        StreamBuilder b = new StreamBuilder();
        PairStream<String, Integer> left = b.newStream(new TestWordSpout(), new PairValueMapper<String, Integer>(0, 0));
        PairStream<String, Integer> right = b.newStream(new TestWordSpout(), new PairValueMapper<String, Integer>(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> left.join(right));
        assertTrue(e.getMessage().contains("window(...)"), e.getMessage());
        left.window(TumblingWindows.of(Count.of(3))).join(right);
        right.leftOuterJoin(left.window(TumblingWindows.of(Count.of(3))));
        PairStream<String, Integer> windowed = left.window(TumblingWindows.of(Count.of(2)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> windowed.join(windowed)).getMessage()
                .contains("itself"));
    }

    @Test
    void streamsOfTwoBuildersDoNotMix() {
        PairStream<String, String> a = new StreamBuilder().newStream(new TestWordSpout(),
                new PairValueMapper<String, String>(0, 0));
        PairStream<String, String> b = new StreamBuilder().newStream(new TestWordSpout(),
                new PairValueMapper<String, String>(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.window(TumblingWindows.of(Count.of(2))).join(b));
        assertTrue(e.getMessage().contains("another StreamBuilder"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked") // Storm's branch takes generic varargs
    void badArgumentsAreRefusedWhereTheyAreGiven() {
        StreamBuilder b = new StreamBuilder();
        Stream<String> s = b.newStream(new TestWordSpout(), new ValueMapper<String>(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.repartition(0)).getMessage()
                .contains("parallelism must be at least 1"));
        assertThrows(IllegalArgumentException.class, () -> s.branch());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> s.window(TumblingWindows.of(Duration.seconds(5)).withLag(Duration.seconds(1)))).getMessage()
                .contains("withLag and withLateTupleStream are for windows by event time"));
        StreamBuilder two = new StreamBuilder();
        Stream<String> t = two.newStream(new TestWordSpout(), new ValueMapper<String>(0));
        t.window(TumblingWindows.of(Duration.seconds(5)).withTimestampField("ts")).print();
        t.window(TumblingWindows.of(Duration.seconds(5)).withTimestampField("time")).print();
        assertTrue(assertThrows(IllegalArgumentException.class, two::build).getMessage()
                .contains("they name 'ts' and 'time'"));
        assertThrows(IllegalArgumentException.class, () -> TumblingWindows.of(Count.of(0)));
        assertThrows(IllegalArgumentException.class, () -> SlidingWindows.of(Count.of(5), Duration.seconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new ValueMapper<String>(-1));
        assertThrows(IllegalStateException.class, () -> new StreamBuilder().build());
    }

    @Test
    void mappersReadTheTuplesValuesByIndex() {
        MkTupleParam p = new MkTupleParam();
        p.setFields("a", "b", "c");
        Tuple t = Testing.testTuple(new Values(1, 2L, "three"), p);
        assertEquals(2L, new ValueMapper<Long>(1).apply(t));
        assertEquals(Pair.of("three", 1), new PairValueMapper<String, Integer>(2, 0).apply(t));
        assertEquals(new Values("three", 1), new ValuesMapper(2, 0).apply(t));
        assertEquals(new Tuple3<>(1, 2L, "three"), TupleValueMappers.<Integer, Long, String>of(0, 1, 2).apply(t));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ValueMapper<>(3).apply(t));
        assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("[a, b, c]"), e.getMessage());
    }

    @Test
    void aJoinEmitsEachKeysMatchesAndHoldsItsTuplesUntilTheWindowCloses() {
        Aggregate.Run inner = Aggregate.join(Aggregate.Kind.INNER, (a, b) -> a + "+" + b).newRun();
        inner.add(0, Pair.of("k", 1), null);
        inner.add(0, Pair.of("k", 2), null);
        inner.add(1, Pair.of("k", "x"), null);
        inner.add(1, Pair.of("only-right", "y"), null);
        List<Object> out = new java.util.ArrayList<>();
        List<Tuple> held = inner.flush((v, anchors) -> out.add(v));
        assertEquals(List.of(Pair.of("k", "1+x"), Pair.of("k", "2+x")), out);
        assertEquals(4, held.size(), "every tuple of the window, matched or not, to ack");
        out.clear();
        assertEquals(0, inner.flush((v, anchors) -> out.add(v)).size());
        assertEquals(List.of(), out, "the next window starts empty");
    }
}
