package io.squall.trident;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.runtime.api.ComponentCounts;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.coordinator.InMemoryCoordinatorStore;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.RocksDbWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStore;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.squall.trident.Ops.row;
import static io.squall.trident.Ops.spout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class WindowsIT {
    private static final Fields N = new Fields("n");

    private static List<?>[] numbers(int n) {
        List<?>[] rows = new List<?>[n];
        for (int i = 0; i < n; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    private static long sum(List<List<Object>> rows) {
        return rows.stream().mapToLong(r -> ((Number) r.get(0)).longValue()).sum();
    }

    @Test
    void countWindowsTumbleAndSlideOverTheStreamInOrder() {
        TridentTopology t = new TridentTopology();
        Stream numbers = t.newStream("win-count", spout(N, 3, numbers(20)));
        Sink tumbling = new Sink();
        Sink sliding = new Sink();
        tumbling.attach(numbers.window(WindowConfig.tumbling(BaseWindowedBolt.Count.of(5)),
                new InMemoryWindowsStoreFactory(), N, new Sum(), new Fields("sum")));
        sliding.attach(numbers.slidingWindow(4, 2, new InMemoryWindowsStoreFactory(), N, new FirstAndSum(),
                new Fields("first", "sum")));
        Run.run(t, () -> {
            tumbling.awaitTxid(9);
            sliding.awaitTxid(9);
        });
        assertEquals(List.of(row(10L), row(35L), row(60L), row(85L)), tumbling.values());
        List<List<Object>> s = sliding.values();
        assertEquals(row(0, 1L), s.get(0));
        assertEquals(row(0, 6L), s.get(1));
        assertEquals(row(2, 14L), s.get(2));
        assertEquals(row(16, 70L), s.get(s.size() - 1));
        assertEquals(10, s.size());
    }

    @Test
    void processingTimeWindowsHoldEveryTupleOnce() {
        TridentTopology t = new TridentTopology();
        Sink counts = new Sink();
        counts.attach(t.newStream("win-time", spout(N, 4, numbers(40)))
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.of(30)), new InMemoryWindowsStoreFactory(), N,
                        new Count(), new Fields("count")));
        Run.run(t, () -> Await.until(Duration.ofSeconds(30), () -> sum(counts.values()) >= 40,
                () -> "40 tuples in windows, got " + counts.values()));
        assertEquals(40, sum(counts.values()));
    }

    @Test
    void eventTimeWindowsFireOnTheWatermarkAndRouteLateTuples() {
        TridentTopology t = new TridentTopology();
        Fields ev = new Fields("id", "ts");
        Stream events = t.newStream("win-event", spout(ev, 2,
                row("a", 1_000L), row("b", 59_000L),
                row("c", 61_000L), row("late", 30_000L),
                row("d", 130_000L)));
        Sink windows = new Sink();
        Sink late = new Sink();
        Stream windowed = events.window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(60))
                        .withTimestampField("ts").withLateTupleStream(),
                new InMemoryWindowsStoreFactory(), ev, new Count(), new Fields("count"));
        windows.attach(windowed);
        late.attach(windowed.lateTupleStream());
        Run.run(t, () -> {
            windows.awaitTxid(4);
            late.awaitTxid(4);
        });
        assertEquals(List.of(row(2L), row(1L)), windows.values(), "[0,60s) holds a and b, [60s,120s) holds c");
        assertEquals(List.of(row("late", 30_000L)), late.values());
    }

    @Test
    void theWatermarkWaitsForTheSlowestUpstreamTask() {
        Fields ev = new Fields("id", "ts");
        List<List<Object>> slow = List.of(row("s1", 1_000L), row("s2", 2_000L), row("s3", 3_000L),
                row("s4", 200_000L));
        List<List<Object>> fast = List.of(row("f1", 100_000L), row("f2", 101_000L));
        TridentTopology t = new TridentTopology();
        Sink windows = new Sink();
        Sink late = new Sink();
        Stream windowed = t.newStream("win-sources",
                        new io.squall.trident.testing.FixedTransactionalSpout(ev, 1, List.of(slow, fast)))
                .parallelismHint(2)
                .global()
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(60)).withTimestampField("ts")
                        .withLateTupleStream(), new InMemoryWindowsStoreFactory(), ev, new Count(), new Fields("n"));
        windows.attach(windowed);
        late.attach(windowed.lateTupleStream());
        Run.run(t, () -> {
            windows.awaitTxid(6);
            late.awaitTxid(6);
        });
        assertEquals(List.of(), late.values(), "the fast task's times do not make the slow task's tuples late");
        assertEquals(List.of(row(3L)), windows.values(), "[0,60s) fires once both tasks are past it");
    }

    @Test
    void windowsPerGroupCountEachUsersMinuteAcrossTwoSpoutTasksAndTwoWindowTasks() {
        Fields ev = new Fields("user", "ts");
        List<List<Object>> first = new java.util.ArrayList<>(List.of(row("a", 1_000L), row("b", 2_000L),
                row("a", 12_000L), row("c", 13_000L), row("a", 25_000L), row("d", 40_000L)));
        List<List<Object>> second = new java.util.ArrayList<>(List.of(row("b", 3_000L), row("c", 4_000L),
                row("b", 14_000L), row("d", 15_000L), row("c", 26_000L), row("b", 41_000L)));
        for (String user : List.of("a", "b", "c", "d")) { // Every window task hears from both spout tasks at 100 s.
            first.add(row(user, 100_000L));
            second.add(row(user, 100_000L));
        }
        TridentTopology t = new TridentTopology();
        Sink windows = new Sink();
        Sink late = new Sink();
        Stream perUser = t.newStream("win-grouped",
                        new io.squall.trident.testing.FixedTransactionalSpout(ev, 2, List.of(first, second)))
                .parallelismHint(2)
                .groupBy(new Fields("user"))
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts")
                        .withLag(BaseWindowedBolt.Duration.seconds(5)).withLateTupleStream(),
                        new InMemoryWindowsStoreFactory(), ev, new Count(), new Fields("count"))
                .parallelismHint(2);
        windows.attach(perUser);
        late.attach(perUser.lateTupleStream());
        Run.run(t, () -> {
            windows.awaitTxid(6);
            late.awaitTxid(6);
        });
        List<List<Object>> got = new java.util.ArrayList<>(windows.values());
        got.sort(java.util.Comparator.comparing(Object::toString));
        assertEquals(List.of(row("a", 1L), row("a", 1L), row("a", 1L), row("b", 1L), row("b", 1L), row("b", 2L),
                row("c", 1L), row("c", 1L), row("c", 1L), row("d", 1L), row("d", 1L)), got,
                "each user's windows up to the one ending at 90 s, counted once");
        assertEquals(List.of(), late.values());
    }

    @Test
    void lateTuplesAreDroppedAndCountedByDefault() {
        TridentTopology t = new TridentTopology();
        Fields ev = new Fields("id", "ts");
        Sink windows = new Sink();
        windows.attach(t.newStream("win-drop", spout(ev, 2,
                        row("a", 1_000L), row("b", 70_000L), row("late", 2_000L), row("late2", 3_000L)))
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(60)).withTimestampField("ts"),
                        new InMemoryWindowsStoreFactory(), ev, new Count(), new Fields("count"))
                .name("windows"));
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("drop", Run.conf(), t.build());
            windows.awaitTxid(3);
            Map<String, ComponentCounts> stats = cluster.getComponentStats("drop");
            ComponentCounts s = stats.get("$spout-win-drop-windows");
            assertEquals(2, s.lateTuples(), stats.keySet().toString());
        }
        assertEquals(List.of(row(1L)), windows.values());
    }

    @Test
    void windowsSurviveARestartWithADurableStoreAndFireEachWindowOnce(@TempDir Path dir) {
        restartTwice("win-restart-" + UUID.randomUUID(), new RocksDbWindowsStoreFactory(dir.resolve("windows")
                .toString()));
    }

    @Test
    void aStormShapedStoreOfTheUsersOwnKeepsTheWindowsAcrossARestart() {
        String id = UUID.randomUUID().toString();
        restartTwice("win-user-store-" + id, new MapWindowsStoreFactory(id));
        Map<String, Object> kept = MapWindowsStoreFactory.STORES.get(id);
        assertTrue(kept.keySet().stream().allMatch(k -> k.startsWith("window-0" + WindowsStore.KEY_SEPARATOR + "0"
                + WindowsStore.KEY_SEPARATOR)), "keys of the window's one partition: " + kept.keySet());
        assertTrue(kept.containsKey("window-0|0|txids"), "the index of kept batches: " + kept.keySet());
    }

    /**
     * Runs tumbling windows of 10 over 60 numbers, 3 a batch, keeping them in {@code store}, and kills the topology
     * after six batches and runs it again: every window fires once, with exactly its numbers.
     */
    private static void restartTwice(String txId, WindowsStoreFactory store) {
        MemoryMapState.Factory totals = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        for (String run : List.of("first", "second")) {
            TridentTopology t = new TridentTopology();
            t.newStream(txId, spout(N, 3, numbers(60)))
                    .tumblingWindow(10, store, N, new FirstAndSum(), new Fields("first", "sum"))
                    .groupBy(new Fields("first"))
                    .persistentAggregate(totals, new Fields("sum"), new Sum(), new Fields("total"));
            try (LocalCluster cluster = new LocalCluster()) {
                cluster.submitTopology(run, Run.conf(), t.build());
                if (run.equals("first")) {
                    Await.until(Duration.ofSeconds(30), () -> committed(txId) >= 6, () -> "six batches committed");
                } else {
                    Await.until(Duration.ofSeconds(30), () -> totals.snapshot().size() == 6,
                            () -> "six windows, got " + totals.snapshot());
                    long now = committed(txId);
                    Await.until(Duration.ofSeconds(30), () -> committed(txId) >= now + 3, () -> "three more");
                }
            }
        }
        Map<List<Object>, Object> expected = new HashMap<>();
        for (int w = 0; w < 6; w++) {
            expected.put(row(w * 10), (long) (w * 100 + 45));
        }
        assertEquals(expected, totals.snapshot());
        assertTrue(committed(txId) > 20, "ran past the data");
    }

    @Test
    void onlyAWindowThatRoutesLateTuplesHasALateStream() {
        Stream s = new TridentTopology().newStream("x", spout(N, 1));
        assertThrows(IllegalArgumentException.class, s::lateTupleStream);
        Stream w = s.tumblingWindow(2, new InMemoryWindowsStoreFactory(), N, new FirstAndSum(),
                new Fields("first", "sum"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, w::lateTupleStream);
        assertTrue(e.getMessage().contains("withLateTupleStream"), e.getMessage());
    }

    /** A user's store as Storm's interface has it: over a map of this process, shared by every task. */
    static final class MapWindowsStoreFactory implements WindowsStoreFactory {
        static final Map<String, Map<String, Object>> STORES = new ConcurrentHashMap<>();

        private final String id;

        MapWindowsStoreFactory(String id) {
            this.id = id;
            STORES.put(id, new ConcurrentHashMap<>());
        }

        @Override
        public WindowsStore create(Map<String, Object> topoConf) {
            Map<String, Object> map = STORES.get(id);
            return new WindowsStore() {
                @Override
                public Object get(String key) {
                    return map.get(key);
                }

                @Override
                public Iterable<Object> get(List<String> keys) {
                    List<Object> ret = new ArrayList<>();
                    keys.forEach(k -> ret.add(map.get(k)));
                    return ret;
                }

                @Override
                public Iterable<String> getAllKeys() {
                    return List.copyOf(map.keySet());
                }

                @Override
                public void put(String key, Object value) {
                    map.put(key, value);
                }

                @Override
                public void putAll(Collection<Entry> entries) {
                    entries.forEach(e -> map.put(e.key, e.value));
                }

                @Override
                public void remove(String key) {
                    map.remove(key);
                }

                @Override
                public void removeAll(Collection<String> keys) {
                    keys.forEach(map::remove);
                }

                @Override
                public void shutdown() {
                }
            };
        }
    }

    private static long committed(String txId) {
        try (InMemoryCoordinatorStore s = new InMemoryCoordinatorStore(txId)) {
            return s.committedTxid();
        }
    }

    /** Emits the first value of a window and the sum of its values. */
    static final class FirstAndSum extends BaseAggregator<long[]> {
        @Override
        public long[] init(Object batchId, TridentCollector collector) {
            return new long[] {Long.MIN_VALUE, 0};
        }

        @Override
        public void aggregate(long[] state, TridentTuple tuple, TridentCollector collector) {
            int n = tuple.getInteger(0);
            if (state[0] == Long.MIN_VALUE) {
                state[0] = n;
            }
            state[1] += n;
        }

        @Override
        public void complete(long[] state, TridentCollector collector) {
            collector.emit(new Values((int) state[0], state[1]));
        }
    }
}
