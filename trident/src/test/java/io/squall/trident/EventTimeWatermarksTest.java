package io.squall.trident;

import io.squall.Config;
import io.squall.spout.IFiniteSpout;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.IFiniteTridentSpout;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.Clock;
import io.squall.windowing.LateTuple;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.squall.trident.Ops.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trident windows on the watermarks that flow from spouts declared with event time, on the deterministic driver and
 * simulated time, against the same input through windowed bolts: three sources at different speeds behind a shuffle
 * stage, one of them idle after its first tuple, out-of-order data, a tuple behind the watermark whose window is still
 * open and a late one. The Trident windows and the windowed bolts fire exactly the windows of the sorted data and send
 * exactly the late tuple to their late streams; the idle source stops holding the windows back after its idle timeout,
 * and the end of input fires the last windows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventTimeWatermarksTest {
    private static final Fields EVENTS = new Fields("key", "ts");
    private static final int ROUNDS = 30;
    private static final long WINDOW_MS = 10_000;
    private static final List<Object> LATE = row("a", 3_000L);
    /** Behind the watermark when it comes, but its window (10 s, 20 s] has not fired: on time. */
    private static final List<Object> BEHIND_BUT_OPEN = row("b", 15_000L);
    private static final ConcurrentLinkedQueue<List<Object>> BOLT_WINDOWS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<List<Object>> BOLT_LATE = new ConcurrentLinkedQueue<>();

    /** Source a: fast, two tuples a round, the second 800 ms before the first. */
    private static List<List<List<Object>>> fast() {
        List<List<List<Object>>> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(List.of(row("a", r * 1_500L + 900), row("b", r * 1_500L + 100)));
        }
        return rounds;
    }

    /** Source b: slow, one tuple a round; in round 20 also the late tuple and one behind the watermark. */
    private static List<List<List<Object>>> slow() {
        List<List<List<Object>>> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(row(r % 2 == 0 ? "a" : "b", r * 1_000L + 500));
            if (r == 20) {
                rows.add(LATE);
                rows.add(BEHIND_BUT_OPEN);
            }
            rounds.add(rows);
        }
        return rounds;
    }

    /** Source c: one tuple in the first round, then quiet until the end. */
    private static List<List<List<Object>>> quiet() {
        return quietFrom(0);
    }

    /** Source c: nothing until round {@code first}, then one tuple (from the first second), then quiet. */
    private static List<List<List<Object>>> quietFrom(int first) {
        List<List<List<Object>>> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            rounds.add(r == first ? List.of(row("a", 500L)) : List.of());
        }
        return rounds;
    }

    /** The windows of the sorted data, computed without any engine: each key's times per 10 s, without the late one. */
    private static List<List<Object>> expectedWindows() {
        return expectedWindows(false);
    }

    /** The windows of the sorted data; {@code withLate}: the late tuple too. */
    private static List<List<Object>> expectedWindows(boolean withLate) {
        Map<List<Object>, List<Long>> windows = new TreeMap<>(Comparator.comparing(Object::toString));
        for (List<List<List<Object>>> source : List.of(fast(), slow(), quiet())) {
            for (List<List<Object>> round : source) {
                for (List<Object> r : round) {
                    if (r.equals(LATE) && !withLate) {
                        continue;
                    }
                    long ts = (Long) r.get(1);
                    long end = Math.floorDiv(ts + WINDOW_MS - 1, WINDOW_MS) * WINDOW_MS;
                    windows.computeIfAbsent(row(r.get(0), end), k -> new ArrayList<>()).add(ts);
                }
            }
        }
        List<List<Object>> ret = new ArrayList<>();
        windows.forEach((k, times) -> ret.add(row(k.get(0), times.stream().sorted().toList())));
        return sorted(ret);
    }

    private static List<List<Object>> sorted(java.util.Collection<List<Object>> rows) {
        List<List<Object>> ret = new ArrayList<>(rows);
        ret.sort(Comparator.comparing(Object::toString));
        return ret;
    }

    /** Emits round {@code i} of its script as the i-th batch it is asked for; finished after the last. */
    static final class ScriptedBatchSpout implements IBatchSpout, IFiniteTridentSpout {
        private final List<List<List<Object>>> rounds;
        private transient Map<Long, List<List<Object>>> batches;
        private transient int next;

        ScriptedBatchSpout(List<List<List<Object>>> rounds) {
            this.rounds = rounds;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context) {
            batches = new HashMap<>();
        }

        @Override
        public void emitBatch(long batchId, TridentCollector collector) {
            List<List<Object>> rows = batches.computeIfAbsent(batchId,
                    id -> next < rounds.size() ? rounds.get(next++) : List.of());
            rows.forEach(collector::emit);
        }

        @Override
        public boolean isFinished() {
            return next >= rounds.size();
        }

        @Override
        public void ack(long batchId) {
            batches.remove(batchId);
        }

        @Override
        public void close() {
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }

        @Override
        public Fields getOutputFields() {
            return EVENTS;
        }
    }

    /** Each window's times, sorted. */
    static final class Times extends BaseAggregator<List<Long>> {
        @Override
        public List<Long> init(Object batchId, TridentCollector collector) {
            return new ArrayList<>();
        }

        @Override
        public void aggregate(List<Long> state, TridentTuple tuple, TridentCollector collector) {
            state.add(tuple.getLong(0));
        }

        @Override
        public void complete(List<Long> state, TridentCollector collector) {
            collector.emit(new Values(state.stream().sorted().toList()));
        }
    }

    private static Config tridentConf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        conf.setMaxSpoutPending(1);
        return conf;
    }

    /** The three sources merged (a shuffle stage of two tasks), then windows per key in two tasks. */
    private static Stream tridentWindows(TridentTopology t, String prefix, Duration idleTimeout,
                                         List<List<List<Object>>> quiet) {
        Duration outOfOrder = Duration.ofSeconds(2);
        Stream a = t.newStream(prefix + "-a", new ScriptedBatchSpout(fast()))
                .withEventTime("ts", outOfOrder, idleTimeout);
        Stream b = t.newStream(prefix + "-b", new ScriptedBatchSpout(slow()))
                .withEventTime("ts", outOfOrder, idleTimeout);
        Stream c = t.newStream(prefix + "-c", new ScriptedBatchSpout(quiet))
                .withEventTime("ts", outOfOrder, idleTimeout);
        WindowConfig window = WindowConfig.tumbling(BaseWindowedBolt.Duration.of((int) WINDOW_MS))
                .withTimestampField("ts").withLateTupleStream();
        return t.merge(a, b, c).parallelismHint(2)
                .groupBy(new Fields("key"))
                .window(window, new InMemoryWindowsStoreFactory(), new Fields("ts"), new Times(), new Fields("times"))
                .parallelismHint(2);
    }

    private static void drive(TridentTopology t) {
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), tridentConf())) {
            d.advance(Duration.ofSeconds(30), Duration.ofMillis(20));
        }
    }

    @Test
    void tridentWindowsOnTheSpoutsWatermarksFireTheWindowsOfTheSortedDataAsWindowedBoltsDo() {
        TridentTopology t = new TridentTopology();
        Stream windowed = tridentWindows(t, "flow", Duration.ofMillis(300), quiet());
        Sink windows = new Sink();
        Sink late = new Sink();
        windows.attach(windowed);
        late.attach(windowed.lateTupleStream());
        drive(t);

        List<List<Object>> expected = expectedWindows();
        assertEquals(expected, sorted(windows.values()), "Trident: every window of the sorted data, the last ones "
                + "fired by the end of input");
        assertEquals(List.of(LATE), late.values(), "Trident: exactly the late tuple on the late stream");
        Map<Long, List<List<Object>>> byTxid = windows.byTxid();
        assertTrue(byTxid.size() > 2, "the idle source stopped holding the windows back: windows fired in "
                + byTxid.size() + " batches " + byTxid.keySet());

        BOLT_WINDOWS.clear();
        BOLT_LATE.clear();
        try (TopologyTestDriver d = new TopologyTestDriver(boltTopology(), new Config())) {
            d.advance(Duration.ofSeconds(5), Duration.ofMillis(20));
        }
        assertEquals(expected, sorted(BOLT_WINDOWS), "windowed bolts on the same input: the same windows");
        assertEquals(List.of(LATE), new ArrayList<>(BOLT_LATE), "windowed bolts: the same late tuple");
    }

    /**
     * The start-up case too: the quiet source sends its one tuple (from the first second) only in round 10; had the
     * others' watermarks moved the windows before, it would have been late.
     */
    @Test
    void withoutAnIdleTimeoutTheQuietSourceHoldsEveryWindowBackUntilTheEndOfInput() {
        TridentTopology t = new TridentTopology();
        Stream windowed = tridentWindows(t, "held", Duration.ZERO, quietFrom(10));
        Sink windows = new Sink();
        Sink late = new Sink();
        windows.attach(windowed);
        late.attach(windowed.lateTupleStream());
        drive(t);
        Map<Long, List<List<Object>>> byTxid = windows.byTxid();
        assertEquals(1, byTxid.size(), "every window fired at the final watermark, in one batch: " + byTxid.keySet());
        assertEquals(expectedWindows(true), sorted(windows.values()),
                "the quiet source held the watermark back before and after its one tuple, so nothing was late");
        assertEquals(List.of(), late.values());
    }

    @Test
    void sessionsPerKeyAndWindowsOverThePartitionRunOnTheSpoutsWatermarksAndTheEndOfInputClosesTheLast() {
        List<List<List<Object>>> rounds = List.of(
                List.of(row("u1", 1_000L), row("u2", 2_000L)),
                List.of(row("u1", 5_000L)),
                List.of(row("u2", 30_000L)),      // watermark 29 999: u1 [1 s, 5 s] and u2 [2 s] close
                List.of(row("u1", 40_000L)));     // watermark 39 999: u2 [30 s] is open until 40 s
        TridentTopology t = new TridentTopology();
        Stream events = t.newStream("sessions-flow", new ScriptedBatchSpout(rounds))
                .withEventTime("ts", Duration.ZERO);
        Sink sessions = new Sink();
        sessions.attach(events.groupBy(new Fields("key"))
                .window(WindowConfig.session(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts"),
                        new InMemoryWindowsStoreFactory(), new Fields("ts"), new Times(), new Fields("times")));
        Sink whole = new Sink();
        whole.attach(events.window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(10))
                        .withTimestampField("ts"), new InMemoryWindowsStoreFactory(), new Fields("ts"), new Times(),
                new Fields("times")));
        drive(t);
        List<List<Object>> bySession = new ArrayList<>();
        sessions.byTxid().values().forEach(rows -> bySession.addAll(sorted(rows)));
        assertEquals(List.of(row("u1", List.of(1_000L, 5_000L)), row("u2", List.of(2_000L)),
                row("u1", List.of(40_000L)), row("u2", List.of(30_000L))), bySession,
                "two sessions closed by the third batch's watermark, the last two by the end of input");
        assertEquals(List.of(3L, 4L), new ArrayList<>(sessions.byTxid().keySet()), "the spout finished with its fourth "
                + "batch, which carried the final watermark: below it, u2 [30 s] and u1 [40 s] were open");
        assertEquals(List.of(row(List.of(1_000L, 2_000L, 5_000L)), row(List.of(30_000L)), row(List.of(40_000L))),
                whole.values(), "the partition's 10 s windows, the last two at the end of input");
    }

    // The same input through windowed bolts.

    private static io.squall.topology.StormTopology boltTopology() {
        TopologyBuilder b = new TopologyBuilder();
        java.time.Duration outOfOrder = java.time.Duration.ofSeconds(2);
        java.time.Duration idle = java.time.Duration.ofMillis(300);
        b.setSpout("a", new RoundSpout(fast())).withEventTime("ts", outOfOrder)
                .withWatermarkInterval(java.time.Duration.ZERO).withIdleTimeout(idle);
        b.setSpout("b", new RoundSpout(slow())).withEventTime("ts", outOfOrder)
                .withWatermarkInterval(java.time.Duration.ZERO).withIdleTimeout(idle);
        b.setSpout("c", new RoundSpout(quiet())).withEventTime("ts", outOfOrder)
                .withWatermarkInterval(java.time.Duration.ZERO).withIdleTimeout(idle);
        b.setBolt("shuffle", new PassThrough(), 2).shuffleGrouping("a").shuffleGrouping("b").shuffleGrouping("c");
        b.setBolt("windows", new TimesPerKey().withTumblingWindow(BaseWindowedBolt.Duration.of((int) WINDOW_MS))
                .withTimestampField("ts").withLateTupleStream("late"), 2).fieldsGrouping("shuffle", new Fields("key"));
        b.setBolt("results", new Collect(), 1).shuffleGrouping("windows").shuffleGrouping("windows", "late");
        return b.createTopology();
    }

    /** Emits round {@code i} of its script at {@code i * 100} ms of (simulated) time; finished after the last. */
    static final class RoundSpout extends BaseRichSpout implements IFiniteSpout {
        private final List<List<List<Object>>> rounds;
        private transient SpoutOutputCollector out;
        private transient Clock clock;
        private transient int next;

        RoundSpout(List<List<List<Object>>> rounds) {
            this.rounds = rounds;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            clock = context.getClock();
        }

        @Override
        public void nextTuple() {
            while (next < rounds.size() && next <= clock.currentTimeMillis() / 100) {
                rounds.get(next++).forEach(r -> out.emit(new Values(r.toArray())));
            }
        }

        @Override
        public boolean isFinished() {
            return next >= rounds.size();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(EVENTS);
        }
    }

    /** A plain bolt: watermarks pass through it. */
    static final class PassThrough extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(input.getValues());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(EVENTS);
        }
    }

    /** Each key's times in the window, sorted. */
    static final class TimesPerKey extends BaseWindowedBolt {
        private transient io.squall.task.OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context,
                            io.squall.task.OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            Map<String, List<Long>> byKey = new TreeMap<>();
            for (Tuple t : window.get()) {
                byKey.computeIfAbsent(t.getString(0), k -> new ArrayList<>()).add(t.getLong(1));
            }
            byKey.forEach((k, times) -> out.emit(new Values(k, times.stream().sorted().toList())));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "times"));
        }
    }

    /** Records the windows and the late tuples. */
    static final class Collect extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            if ("late".equals(input.getSourceStreamId())) {
                LateTuple late = (LateTuple) input.getValue(0);
                BOLT_LATE.add(row(late.getValue(0), late.getValue(1)));
            } else {
                BOLT_WINDOWS.add(row(input.getValue(0), input.getValue(1)));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }
}
