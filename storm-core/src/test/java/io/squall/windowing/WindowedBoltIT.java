package io.squall.windowing;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.config.InvalidConfigException;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.api.ComponentCounts;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windowed bolts in running topologies: acking on expiry, event time, late tuples, submit checks. */
class WindowedBoltIT {
    /** Windows and late tuples seen, by test. */
    static final Map<String, List<List<Integer>>> WINDOWS = new ConcurrentHashMap<>();
    static final Map<String, List<LateTuple>> LATE = new ConcurrentHashMap<>();
    static final AtomicBoolean THROW_ONCE = new AtomicBoolean();

    @AfterEach
    void cleanUp() {
        WINDOWS.clear();
        LATE.clear();
        AckTracker.remove("windows");
    }

    /** Records the ids of each window and emits their sum, anchored to the window. */
    static class RecordingWindowBolt extends BaseWindowedBolt {
        private final String test;
        private transient OutputCollector out;

        RecordingWindowBolt(String test) {
            this.test = test;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            if (THROW_ONCE.getAndSet(false)) {
                throw new IllegalStateException("injected window failure");
            }
            List<Integer> ids = new ArrayList<>();
            for (Tuple t : window.get()) {
                ids.add(t.getIntegerByField("id"));
            }
            WINDOWS.computeIfAbsent(test, k -> new CopyOnWriteArrayList<>()).add(ids);
            out.emit(window.get(), new Values(ids.stream().mapToLong(Integer::longValue).sum()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sum"));
        }
    }

    /** Acks everything; records late tuples that reach it. */
    static class Sink extends BaseRichBolt {
        private final String test;
        private transient OutputCollector out;

        Sink(String test) {
            this.test = test;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (input.getSourceStreamId().equals("late")) {
                LATE.computeIfAbsent(test, k -> new CopyOnWriteArrayList<>()).add((LateTuple) input.getValueByField("late_tuple"));
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static List<List<Object>> ids(int n) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Values(i));
        }
        return out;
    }

    @Test
    @Timeout(60)
    void tumblingCountWindowsHoldConsecutiveTuplesAndAckThemWhenTheyLeave() {
        int n = 1000;
        AckTracker tracker = AckTracker.named("windows");
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(ids(n), new Fields("id"), "windows"));
        builder.setBolt("window", new RecordingWindowBolt("count").withTumblingWindow(Count.of(10)))
                .shuffleGrouping("spout");
        builder.setBolt("sink", new Sink("count")).shuffleGrouping("window");
        Config conf = new Config();
        conf.setMaxSpoutPending(100);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("count-windows", conf, builder.createTopology());
            Await.until(java.time.Duration.ofSeconds(40), () -> tracker.distinctAcked() == n,
                    () -> tracker.distinctAcked() + " of " + n + " acked");
            List<List<Integer>> windows = WINDOWS.get("count");
            assertEquals(n / 10, windows.size());
            for (int w = 0; w < windows.size(); w++) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    expected.add(w * 10 + i);
                }
                assertEquals(expected, windows.get(w), "window " + w);
            }
            assertEquals(n, tracker.totalAcks(), "each tuple acked once, when its window was done");
            assertEquals(0, tracker.totalFails());
        }
    }

    @Test
    @Timeout(60)
    void aWindowWhoseExecuteThrowsIsFailedAndReplayed() {
        int n = 200;
        THROW_ONCE.set(true);
        AckTracker tracker = AckTracker.named("windows");
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(ids(n), new Fields("id"), "windows"));
        builder.setBolt("window", new RecordingWindowBolt("throw").withTumblingWindow(Count.of(10)))
                .shuffleGrouping("spout");
        builder.setBolt("sink", new Sink("throw")).shuffleGrouping("window");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("throwing-window", new Config(), builder.createTopology());
            Await.until(java.time.Duration.ofSeconds(40), () -> tracker.distinctAcked() == n,
                    () -> tracker.distinctAcked() + " of " + n + " acked, " + tracker.totalFails() + " failed");
            assertEquals(10, tracker.totalFails(), "the first window's ten tuples were failed");
            assertEquals(n, tracker.totalAcks());
            assertTrue(cluster.getErrors("throwing-window", "window").get(0).toString()
                    .contains("injected window failure"));
        }
    }

    /**
     * Readings 100 ms apart; every 7th arrives 300 ms out of order (within the 500 ms lag) and every 10th
     * 2 s out of order (late). Ends with one far-future reading that pushes the watermark past the rest.
     */
    private static List<List<Object>> readings(int n) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ts = 10_000 + i * 100L;
            if (i % 10 == 9) {
                ts -= 2000;
            } else if (i % 7 == 6) {
                ts -= 300;
            }
            out.add(new Values(i, ts));
        }
        out.add(new Values(n, 1_000_000L));
        return out;
    }

    /** Which readings are late: at or before the newest time seen so far less the lag, less one. */
    private static Set<Integer> expectedLate(List<List<Object>> readings, long lag) {
        Set<Integer> late = new HashSet<>();
        long newest = Long.MIN_VALUE;
        for (List<Object> r : readings) {
            long ts = (Long) r.get(1);
            if (newest != Long.MIN_VALUE && ts <= newest - lag - 1) {
                late.add((Integer) r.get(0));
            } else {
                newest = Math.max(newest, ts);
            }
        }
        return late;
    }

    private TopologyBuilder eventTimeTopology(String test, List<List<Object>> readings, boolean lateStream) {
        BaseWindowedBolt bolt = new RecordingWindowBolt(test).withTumblingWindow(Duration.seconds(1))
                .withTimestampField("ts").withLag(Duration.of(500)).withWatermarkInterval(Duration.of(10));
        if (lateStream) {
            bolt.withLateTupleStream("late");
        }
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(readings, new Fields("id", "ts"), "windows"));
        builder.setBolt("window", bolt).shuffleGrouping("spout");
        var sink = builder.setBolt("sink", new Sink(test)).shuffleGrouping("window");
        if (lateStream) {
            sink.shuffleGrouping("window", "late");
        }
        return builder;
    }

    /** Every reading but the last is in exactly one window or late, and is acked. */
    private static void assertAccounted(String test, List<List<Object>> readings, Set<Integer> late,
                                        AckTracker tracker) {
        int n = readings.size() - 1;
        Await.until(java.time.Duration.ofSeconds(40), () -> tracker.distinctAcked() == n,
                () -> tracker.distinctAcked() + " of " + n + " acked");
        Set<Integer> inWindows = new HashSet<>();
        for (List<Integer> w : WINDOWS.get(test)) {
            for (int id : w) {
                assertTrue(inWindows.add(id), "reading " + id + " is in one window only");
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(inWindows.contains(i) != late.contains(i), "reading " + i + " is in a window xor late");
            assertEquals(1, tracker.acks(i), "reading " + i + " acked once");
        }
        assertEquals(0, tracker.totalFails());
        // Each window holds exactly the on-time readings of its second: (end - 1000, end].
        for (List<Integer> w : WINDOWS.get(test)) {
            long first = (Long) readings.get(w.get(0)).get(1);
            long end = Math.floorDiv(first + 999, 1000) * 1000;
            for (int id : w) {
                long ts = (Long) readings.get(id).get(1);
                assertTrue(ts > end - 1000 && ts <= end, "reading " + id + " at " + ts + " in window ending " + end);
            }
        }
    }

    @Test
    @Timeout(60)
    void lateTuplesAreEmittedOnTheLateStreamAsPlainValues() {
        List<List<Object>> readings = readings(500);
        Set<Integer> late = expectedLate(readings, 500);
        assertEquals(50, late.size(), "every 10th reading is 2 s behind");
        AckTracker tracker = AckTracker.named("windows");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("late-stream", new Config(),
                    eventTimeTopology("stream", readings, true).createTopology());
            assertAccounted("stream", readings, late, tracker);
            Await.until(java.time.Duration.ofSeconds(10), () -> LATE.getOrDefault("stream", List.of()).size() == 50,
                    () -> LATE.getOrDefault("stream", List.of()).size() + " late tuples routed");
            Set<Integer> routed = new HashSet<>();
            for (LateTuple t : LATE.get("stream")) {
                routed.add(t.getIntegerByField("id"));
                assertEquals(t.getLongByField("ts"), t.getTimestamp());
                assertEquals("spout", t.getSourceComponent());
                assertEquals(new Fields("id", "ts"), t.getFields());
            }
            assertEquals(late, routed);
            ComponentCounts stats = cluster.getComponentStats("late-stream").get("window");
            assertEquals(50, stats.lateTuples());
        }
    }

    @Test
    @Timeout(60)
    void lateTuplesAreCountedAndDroppedByDefault() {
        List<List<Object>> readings = readings(300);
        Set<Integer> late = expectedLate(readings, 500);
        AckTracker tracker = AckTracker.named("windows");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("late-dropped", new Config(),
                    eventTimeTopology("drop", readings, false).createTopology());
            assertAccounted("drop", readings, late, tracker);
            assertEquals(late.size(), cluster.getComponentStats("late-dropped").get("window").lateTuples());
            assertEquals(late.size(), WorkerMetrics.of(cluster, "late-dropped").snapshot().components().stream()
                    .filter(c -> c.id().equals("window")).findFirst().orElseThrow().lateTuples(), "late tuples in metrics");
            assertTrue(LATE.isEmpty(), "nothing routed");
        }
    }

    @Test
    void lateTuplesSurviveKryo() {
        var kryo = io.squall.serialization.KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        var tuple = new io.squall.tuple.TupleImpl("meters", "default", new Fields("meter", "ts"), 3,
                new Values("m-1", 1234L), io.squall.tuple.MessageId.unanchored());
        var out = new com.esotericsoftware.kryo.io.Output(256, -1);
        kryo.writeClassAndObject(out, new LateTuple(tuple, 1234L));
        Object back = kryo.readClassAndObject(new com.esotericsoftware.kryo.io.Input(out.toBytes()));
        LateTuple copy = assertInstanceOf(LateTuple.class, back);
        assertEquals("m-1", copy.getStringByField("meter"));
        assertEquals(1234L, copy.getTimestamp());
        assertEquals(3, copy.getSourceTask());
        assertEquals("meters", copy.getSourceComponent());
    }

    private static String submitError(BaseWindowedBolt bolt, Config conf) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("spout", new FixedTupleSpout(ids(1), new Fields("id"), "windows"));
        builder.setBolt("window", bolt).shuffleGrouping("spout");
        try (LocalCluster cluster = new LocalCluster()) {
            return assertThrows(InvalidConfigException.class,
                    () -> cluster.submitTopology("rejected", conf, builder.createTopology())).getMessage();
        }
    }

    @Test
    void submitRejectsWindowsTheMessageTimeoutCannotCover() {
        String m = submitError(new RecordingWindowBolt("x").withWindow(Duration.seconds(40), Duration.seconds(10)),
                new Config());
        assertTrue(m.contains("'window'") && m.contains("40000 ms") && m.contains("topology.message.timeout.secs = 30")
                && m.contains("at least 40"), m);
        Config pending = new Config();
        pending.setMaxSpoutPending(500);
        m = submitError(new RecordingWindowBolt("x").withWindow(Count.of(1000), Count.of(100)), pending);
        assertTrue(m.contains("1100 tuples") && m.contains("topology.max.spout.pending = 500"), m);
        m = submitError(new RecordingWindowBolt("x").withTumblingWindow(Count.of(5)).withLateTupleStream("late"),
                new Config());
        assertTrue(m.contains("late-tuple stream ('late') needs a window by event time"), m);
    }

    @Test
    void windowArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Count.of(0));
        assertThrows(IllegalArgumentException.class, () -> Duration.of(0));
        assertThrows(IllegalArgumentException.class, () -> Duration.days(100));
        assertThrows(IllegalArgumentException.class, () -> new RecordingWindowBolt("x").withLateTupleStream(" "));
    }
}
