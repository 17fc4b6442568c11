package io.squall.trident;

import io.squall.trident.fluent.GroupedStream;
import io.squall.Config;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.RocksDbWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.config.TumblingCountWindow;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.squall.trident.Ops.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trident windows per group after {@code groupBy} and session windows, on the deterministic driver and simulated
 * time: exactly the windows of the data, exactly the late tuples, nothing else dropped.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GroupedWindowsTest {
    private static final Fields EVENTS = new Fields("user", "ts");

    /** One batch every 100 ms of simulated time, one at a time, so each batch commits before the next starts. */
    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        conf.setMaxSpoutPending(1);
        return conf;
    }

    private static FixedTransactionalSpout spout(int batchSize, List<?>... rows) {
        List<List<Object>> tuples = new ArrayList<>();
        for (List<?> r : rows) {
            tuples.add(new ArrayList<>(r));
        }
        return new FixedTransactionalSpout(EVENTS, batchSize, List.of(tuples));
    }

    /** Runs the topology on simulated time until every batch of the spout has committed. */
    private static void drive(TridentTopology t, Sink... sinks) {
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
            d.advance(Duration.ofSeconds(3), Duration.ofMillis(20));
        }
        for (Sink s : sinks) {
            assertTrue(s.maxTxid() >= 6, "the batches committed, up to txid " + s.maxTxid());
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> ret = new ArrayList<>(rows);
        ret.sort(Comparator.comparing(Object::toString));
        return ret;
    }

    @Test
    void eachGroupHasItsOwnEventTimeWindowsAndItsLateTuplesAreStreamed() {
        TridentTopology t = new TridentTopology();
        Stream windowed = t.newStream("grouped-et", spout(2,
                        row("a", 1_000L), row("b", 2_000L),
                        row("a", 59_000L), row("b", 61_000L),      // watermark 60 999: (0, 60 s] fires for a and b
                        row("a", 30_000L), row("c", 125_000L),     // a's window has fired: late; b's (60, 120] fires
                        row("a", 200_000L)))                       // c's (120, 180] fires; a's (180, 240] stays open
                .groupBy(new Fields("user"))
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(60)).withTimestampField("ts")
                                .withLateTupleStream(), new InMemoryWindowsStoreFactory(), EVENTS, new Count(),
                        new Fields("count"));
        assertEquals(new Fields("user", "count"), windowed.getOutputFields());
        Sink windows = new Sink();
        Sink late = new Sink();
        windows.attach(windowed);
        late.attach(windowed.lateTupleStream());
        drive(t, windows, late);
        Map<Long, List<List<Object>>> byTxid = windows.byTxid();
        assertEquals(List.of(List.of(row("a", 2L), row("b", 1L)), List.of(row("b", 1L)), List.of(row("c", 1L))),
                byTxid.values().stream().map(GroupedWindowsTest::sorted).toList(), "windows by txid: " + byTxid);
        assertEquals(List.of(2L, 3L, 4L), new ArrayList<>(byTxid.keySet()));
        assertEquals(List.of(row("a", 30_000L)), late.values());
    }

    @Test
    void aGroupWithoutNewTuplesStillHasItsWindowsFiredByThePartitionsWatermark() {
        TridentTopology t = new TridentTopology();
        Sink sums = new Sink();
        sums.attach(t.newStream("grouped-quiet", spout(1,
                        row("quiet", 5_000L), row("busy", 6_000L), row("busy", 20_000L), row("busy", 40_000L)))
                .groupBy(new Fields("user"))
                .window(WindowConfig.sliding(BaseWindowedBolt.Duration.seconds(20),
                                BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts"),
                        new InMemoryWindowsStoreFactory(), new Fields("ts"), new Sum(), new Fields("sum")));
        drive(t, sums);
        // Windows (end - 20 s, end] at every 10 s; the watermark reaches 39 999: windows ending at 10, 20 and 30 s.
        assertEquals(sorted(List.of(row("quiet", 5_000L), row("quiet", 5_000L), row("busy", 6_000L),
                        row("busy", 26_000L), row("busy", 20_000L))), sorted(sums.values()));
    }

    @Test
    void sessionsPerGroupCloseAfterTheGapMergeWhenBridgedAndCountLateTuples() {
        TridentTopology t = new TridentTopology();
        Stream sessions = t.newStream("sessions", spout(3,
                        row("u1", 1_000L), row("u2", 2_000L), row("u1", 5_000L),
                        row("u2", 12_500L), row("u1", 14_000L), row("u1", 30_000L),   // watermark 14 999
                        row("u3", 40_000L), row("u3", 58_000L), row("u1", 16_000L),   // watermark 42 999
                        row("u3", 49_000L), row("u1", 20_000L), row("u4", 100_000L))) // watermark 84 999
                .groupBy(new Fields("user"))
                .window(WindowConfig.session(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts")
                                .withLag(BaseWindowedBolt.Duration.seconds(15)).withLateTupleStream(),
                        new InMemoryWindowsStoreFactory(), EVENTS, new Count(), new Fields("count"));
        Sink windows = new Sink();
        Sink late = new Sink();
        windows.attach(sessions);
        late.attach(sessions.lateTupleStream());
        drive(t, windows, late);
        Map<Long, List<List<Object>>> byTxid = windows.byTxid();
        assertEquals(List.of(
                        List.of(row("u2", 1L)),                                    // [2 s] closed at 12 s
                        List.of(row("u2", 1L), row("u1", 4L), row("u1", 1L)),      // [12.5], [1, 5, 14, 16], [30]
                        List.of(row("u3", 3L))),                                   // [40, 58] bridged by 49
                new ArrayList<>(byTxid.values()), "sessions by txid: " + byTxid);
        assertEquals(List.of(row("u1", 20_000L)), late.values(), "u1's sessions had closed: 20 s is late");
    }

    @Test
    void sessionsPerGroupAreRebuiltFromADurableStoreAfterARestart(@TempDir Path dir) {
        String txId = "sessions-restart-" + UUID.randomUUID();
        RocksDbWindowsStoreFactory store = new RocksDbWindowsStoreFactory(dir.resolve("windows").toString());
        Sink windows = new Sink();
        for (int run = 0; run < 2; run++) {
            TridentTopology t = new TridentTopology();
            windows.attach(t.newStream(txId, spout(2,
                            row("u1", 1_000L), row("u2", 2_000L),       // watermark 1 999
                            row("u1", 9_000L), row("u2", 10_000L),      // watermark 9 999
                            row("u1", 17_000L), row("u3", 18_000L),     // watermark 17 999
                            row("u2", 30_000L), row("u3", 31_000L),     // watermark 30 999: three sessions close
                            row("u3", 60_000L), row("u2", 61_000L)))    // watermark 59 999: two more
                    .groupBy(new Fields("user"))
                    .window(WindowConfig.session(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts"),
                            store, EVENTS, new Count(), new Fields("count")));
            try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
                d.advance(Duration.ofMillis(run == 0 ? 250 : 3_000), Duration.ofMillis(20));
            }
            if (run == 0) {
                assertTrue(windows.maxTxid() >= 1 && windows.maxTxid() < 4, "stopped part way: " + windows.maxTxid());
            }
        }
        List<List<Object>> fired = new ArrayList<>();
        windows.byTxid().values().forEach(fired::addAll);
        assertEquals(List.of(row("u2", 2L), row("u1", 3L), row("u3", 1L), row("u2", 1L), row("u3", 1L)), fired,
                "u2 [2, 10], u1 [1, 9, 17], u3 [18] by their last tuple, then u2 [30], u3 [31]: " + windows.byTxid());
    }

    @Test
    void sessionsOfAnUngroupedStreamSpanThePartition() {
        TridentTopology t = new TridentTopology();
        Sink windows = new Sink();
        windows.attach(t.newStream("sessions-whole", spout(2,
                        row("x", 1_000L), row("y", 4_000L), row("x", 20_000L), row("y", 21_000L),
                        row("z", 60_000L), row("z", 61_000L)))
                .window(WindowConfig.session(BaseWindowedBolt.Duration.seconds(5)).withTimestampField("ts"),
                        new InMemoryWindowsStoreFactory(), EVENTS, new Count(), new Fields("count")));
        drive(t, windows);
        assertEquals(List.of(row(2L), row(2L)), windows.values(), "[1, 4] and [20, 21]; [60, 61] stays open");
    }

    @Test
    void processingTimeWindowsPerGroupHoldEveryTupleOfTheGroupOnce() {
        TridentTopology t = new TridentTopology();
        Sink counts = new Sink();
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(row(i % 3 == 0 ? "a" : "b", (long) i));
        }
        counts.attach(t.newStream("grouped-pt", spout(4, rows.toArray(List<?>[]::new)))
                .groupBy(new Fields("user"))
                .tumblingWindow(BaseWindowedBolt.Duration.of(250), new InMemoryWindowsStoreFactory(), EVENTS,
                        new io.squall.trident.testing.CountAsAggregator(), new Fields("count")));
        drive(t, counts);
        Map<Object, Long> perUser = new HashMap<>();
        for (List<Object> r : counts.values()) {
            perUser.merge(r.get(0), (Long) r.get(1), Long::sum);
        }
        assertEquals(Map.of("a", 10L, "b", 20L), perUser);
        assertTrue(counts.values().size() >= 4, "several windows per user: " + counts.values());
    }

    @Test
    void countWindowsPerGroupAndSessionsWithoutEventTimeAreRejectedAtBuild() {
        GroupedStream grouped = new TridentTopology().newStream("bad", spout(1)).groupBy(new Fields("user"));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> grouped.window(
                TumblingCountWindow.of(10), EVENTS, new io.squall.trident.testing.CountAsAggregator(),
                new Fields("n")));
        assertTrue(count.getMessage().contains("Windows by count per group"), count.getMessage());
        IllegalArgumentException session = assertThrows(IllegalArgumentException.class, () -> grouped.window(
                WindowConfig.session(BaseWindowedBolt.Duration.seconds(1)), EVENTS,
                new io.squall.trident.testing.CountAsAggregator(), new Fields("n")));
        assertTrue(session.getMessage().contains("withTimestampField"), session.getMessage());
    }

    /**
     * Batches of 3 against windows of 10: a batch straddles a window's end (its first tuple completes the window and
     * leaves with it as it is added). Kept batches are still dropped once no window can need them, so the store holds
     * at most the batches since the last slide-aligned one, not every batch.
     */
    @Test
    void countWindowsOverBatchesThatStraddleTheirEndsStillDropTheBatchesTheyNoLongerNeed() {
        TridentTopology t = new TridentTopology();
        Sink windows = new Sink();
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            rows.add(row("a", (long) i));
        }
        String storeId = "straddle-" + UUID.randomUUID();
        windows.attach(t.newStream("straddle", spout(3, rows.toArray(List<?>[]::new)))
                .tumblingWindow(10, new WindowsIT.MapWindowsStoreFactory(storeId), EVENTS,
                        new io.squall.trident.testing.CountAsAggregator(), new Fields("count")));
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
            d.advance(Duration.ofSeconds(5), Duration.ofMillis(20));
        }
        assertTrue(windows.maxTxid() >= 30, "the 30 batches committed, up to txid " + windows.maxTxid());
        List<Object> counts = new ArrayList<>();
        windows.values().forEach(r -> counts.add(r.get(0)));
        assertEquals(java.util.Collections.nCopies(9, 10L), counts, "nine windows of ten");
        long kept = WindowsIT.MapWindowsStoreFactory.STORES.get(storeId).keySet().stream()
                .filter(k -> !k.endsWith("txids")).count();
        assertTrue(kept <= 11, "batches kept: " + kept + " " + WindowsIT.MapWindowsStoreFactory.STORES
                .get(storeId).keySet());
    }
}
