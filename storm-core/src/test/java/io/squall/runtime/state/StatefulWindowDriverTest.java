package io.squall.runtime.state;

import io.squall.Config;
import io.squall.config.InvalidConfigException;
import io.squall.runtime.state.WindowFixtures.ReadingSpout;
import io.squall.runtime.state.WindowFixtures.Run;
import io.squall.runtime.state.WindowFixtures.WindowRecorder;
import io.squall.state.InMemoryKeyValueState;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persistent stateful windowed bolt on the deterministic driver: its windows and state survive a restart of the
 * topology (a new driver on the same in-memory provider, as a new worker on the same store), only what the last
 * checkpoint did not cover is replayed, and every window is evaluated with exactly its tuples, its update to the
 * state applied once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatefulWindowDriverTest {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final long WINDOW_MS = 2_000;

    @AfterEach
    void forget() {
        WindowFixtures.RUNS.clear();
    }

    private static Config conf(String name) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_NAME, name);
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(5);
        conf.setMaxSpoutPending(50);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 500);
        return conf;
    }

    private static StormTopology topology(String run, boolean persistent) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new ReadingSpout(run));
        WindowRecorder bolt = new WindowRecorder(run);
        bolt.withTumblingWindow(BaseWindowedBolt.Duration.of((int) WINDOW_MS)).withTimestampField("ts")
                .withLag(BaseWindowedBolt.Duration.seconds(1));
        if (persistent) {
            bolt.withPersistence();
        }
        b.setBolt("windows", bolt, 1).shuffleGrouping("readings");
        return b.createTopology();
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Object> committed(String topology) {
        for (int task = 1; task < 10; task++) {
            var s = (InMemoryKeyValueState<Long, Object>) InMemoryKeyValueStateProvider.existing(topology,
                    StatefulBoltRunner.namespace("windows", task));
            if (s != null) {
                return new TreeMap<>(s.committedEntries());
            }
        }
        return Map.of();
    }

    /** A new run of {@code readings} readings under {@code name}, with nothing of an earlier one in the provider. */
    private static Run newRun(String name, int readings) {
        InMemoryKeyValueStateProvider.clear(name);
        Run r = new Run(readings);
        WindowFixtures.RUNS.put(name, r);
        return r;
    }

    /** Advances the driver a tick at a time until {@code done} (at most 2,000 ticks), then {@code then} longer. */
    private static void advanceUntil(TopologyTestDriver d, BooleanSupplier done, Duration then) {
        for (int i = 0; i < 2000 && !done.getAsBoolean(); i++) {
            d.advance(TICK);
        }
        d.advance(then, TICK);
    }

    /**
     * Runs a topology until {@code acked} readings of its run are acked, then {@code then} longer, and stops it, as a
     * worker that dies there.
     */
    private static void runUntilAckedThenStop(StormTopology topology, Config conf, Run r, int acked, Duration then) {
        try (TopologyTestDriver d = new TopologyTestDriver(topology, conf)) {
            for (int i = 0; i < 200 && r.acked.size() < acked; i++) {
                d.advance(TICK);
            }
            d.advance(then);
        }
    }

    /** Each window the run's bolt evaluated, by end, with its readings; one evaluated twice had the same both times. */
    private static Map<Long, List<Integer>> firedWindows(Run r) {
        Map<Long, List<Integer>> fired = new TreeMap<>();
        for (var w : r.fired) {
            List<Integer> before = fired.put(w.getKey(), w.getValue());
            assertTrue(before == null || before.equals(w.getValue()), "window " + w.getKey() + " fired with "
                    + before + ", then with " + w.getValue());
        }
        return fired;
    }

    @Test
    void persistentWindowsResumeAfterARestartWithExactlyTheTuplesTheyHeld() {
        String name = "window-restart";
        Run r = newRun(name, 600);
        // More than a window's worth of readings (20) per checkpoint interval: each commit leaves held tuples.
        // Into the next interval: some windows fire that no commit covers.
        runUntilAckedThenStop(topology(name, true), conf(name), r, 250, Duration.ofMillis(200));
        assertTrue(r.acked.size() >= 250 && !r.done(), "acked " + r.acked.size());
        Set<Integer> ackedBefore = Set.copyOf(r.acked);
        int firedBefore = r.fired.size();
        r.emitted.clear();

        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, true), conf(name))) {
            // Past the restart's hold (a message timeout); the last commit.
            advanceUntil(d, r::done, Duration.ofSeconds(6));
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.readings);
        assertTrue(r.emitted.stream().noneMatch(ackedBefore::contains), "nothing acked before the restart replays");

        long lastEnd = (r.readings - 1) * WindowFixtures.STEP_MS / WINDOW_MS * WINDOW_MS;
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        // Every window fired with exactly its tuples; one that fired again after the restart (no commit had covered
        // it) had the same tuples both times.
        Map<Long, List<Integer>> fired = firedWindows(r);
        assertEquals(expected, fired);
        // A window evaluated after the restart held tuples acked (and so never replayed) before it: the window's
        // tuples came back from the checkpoint.
        assertTrue(r.fired.subList(firedBefore, r.fired.size()).stream().anyMatch(w ->
                        w.getValue().stream().anyMatch(ackedBefore::contains)
                                && w.getValue().stream().anyMatch(id -> !ackedBefore.contains(id))),
                "a window that straddles the restart");
        // The state holds each window once and the total of every id once.
        Map<Long, Object> state = committed(name);
        long total = expected.values().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(total, state.get(-1L), "each window's update applied once");
        Map<Long, Object> windows = new TreeMap<>(state);
        windows.remove(-1L);
        assertEquals(new TreeMap<Long, Object>(expected), windows);
    }

    /**
     * A worker dies after its windows took in readings no checkpoint covers; the new worker restores the windows at
     * the checkpoint and cannot know those readings' times, and the spout replays them only as their timeouts
     * expire, after newer readings seconds of event time ahead. The restored windows stay at the checkpoint's
     * watermark for a message timeout: the replays are in time and every window fires with exactly its readings.
     */
    @Test
    void afterARestartTheWindowsWaitForTheReplaysOfWhatTheOldWorkerTookInAfterItsLastCheckpoint() {
        String name = "window-restart-replays";
        Run r = newRun(name, 600);
        // Into the next interval: readings taken in that no commit covers.
        runUntilAckedThenStop(topology(name, true), conf(name), r, 250, Duration.ofMillis(300));
        long unacked = r.emitted.stream().filter(id -> !r.acked.contains(id)).count();
        assertTrue(unacked > 0 && !r.done(), "readings in flight at the restart: " + unacked);
        r.freshBeforeReplay = 40;

        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, true), conf(name))) {
            // Past the restart's hold (a message timeout); the last commit.
            advanceUntil(d, r::done, Duration.ofSeconds(6));
            assertEquals(0, d.counts("windows").lateTuples(), "no replay came late");
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.readings);
        long lastEnd = (r.readings - 1) * WindowFixtures.STEP_MS / WINDOW_MS * WINDOW_MS;
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        Map<Long, List<Integer>> fired = firedWindows(r);
        assertEquals(expected, fired);
        long total = expected.values().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(total, committed(name).get(-1L), "each window's update applied once");
    }

    /**
     * A PREPARE fails after the windows took in readings and fired windows no commit covers: the ROLLBACK puts the
     * windows back at the last commit and fails those readings, and the spout backs off before it replays them:
     * newer readings, several seconds of event time ahead, reach the bolt first. They must not move the windows past
     * the failed readings: the replays are in time again, and every window fires with exactly its readings.
     */
    @Test
    void aRollbackKeepsTheWindowsBehindTheReadingsItFailedUntilTheirReplaysCome() {
        String name = "window-rollback";
        Run r = newRun(name, 400);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, true), conf(name))) {
            for (int i = 0; i < 200 && r.acked.size() < 100; i++) {
                d.advance(TICK);
            }
            assertTrue(r.acked.size() >= 100 && !r.done(), "a commit came; acked " + r.acked.size());
            r.refusePrepares.set(1);
            r.freshBeforeReplay = 40;
            advanceUntil(d, r::done, Duration.ofSeconds(1));
            assertEquals(0, r.refusePrepares.get(), "a PREPARE failed");
            assertTrue(d.counts("readings").failed() > 0, "the rollback failed readings");
            assertEquals(0, d.counts("windows").lateTuples(), "no replay came late");
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.readings);
        long lastEnd = (r.readings - 1) * WindowFixtures.STEP_MS / WINDOW_MS * WINDOW_MS;
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        Map<Long, List<Integer>> fired = firedWindows(r);
        assertEquals(expected, fired);
        Map<Long, Object> state = committed(name);
        long total = expected.values().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(total, state.get(-1L), "each window's update applied once");
    }

    @Test
    void withoutPersistenceARestartReplaysTheWindowsTuplesAndTheStateStaysExact() {
        String name = "window-restart-plain";
        Run r = newRun(name, 400);
        runUntilAckedThenStop(topology(name, false), conf(name), r, 150, Duration.ofMillis(200));
        Set<Integer> ackedBefore = Set.copyOf(r.acked);
        r.emitted.clear();
        Set<Integer> ids = r.expectedWindows(WINDOW_MS, 38_000).values().stream().flatMap(List::stream)
                .collect(Collectors.toSet());
        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, false), conf(name))) {
            advanceUntil(d, () -> r.acked.containsAll(ids), Duration.ofSeconds(1));
        }
        assertFalse(r.emitted.isEmpty());
        assertTrue(r.emitted.stream().noneMatch(ackedBefore::contains), "nothing acked before the restart replays");
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, 38_000);
        Map<Long, Object> windows = new TreeMap<>(committed(name));
        Object total = windows.remove(-1L);
        windows.keySet().removeIf(end -> end > 38_000);
        assertEquals(new TreeMap<Long, Object>(expected), windows);
        long sum = r.fired.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b))
                .values().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(sum, total, "each window's update applied once");
    }

    /**
     * Without persistence a restart empties the windows and every reading they held is replayed, as its timeout
     * expires, after newer readings. The emptied windows fire nothing for a message timeout, so those replays are in
     * time, and the windows that straddle the restart fire with all their readings.
     */
    @Test
    void withoutPersistenceARestartHoldsTheEmptiedWindowsForTheReplays() {
        String name = "window-restart-plain-replays";
        Run r = newRun(name, 400);
        Config conf = conf(name);
        conf.setMaxSpoutPending(200);
        runUntilAckedThenStop(topology(name, false), conf, r, 150, Duration.ofMillis(200));
        long unacked = r.emitted.stream().filter(id -> !r.acked.contains(id)).count();
        assertTrue(unacked > 0, "readings in the windows at the restart: " + unacked);
        r.freshBeforeReplay = 40;
        long lastEnd = 38_000;
        Set<Integer> ids = r.expectedWindows(WINDOW_MS, lastEnd).values().stream().flatMap(List::stream)
                .collect(Collectors.toSet());
        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, false), conf)) {
            advanceUntil(d, () -> r.acked.containsAll(ids), Duration.ofSeconds(1));
            assertEquals(0, d.counts("windows").lateTuples(), "no replay came late");
        }
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        Map<Long, Object> windows = new TreeMap<>(committed(name));
        windows.remove(-1L);
        windows.keySet().removeIf(end -> end > lastEnd);
        assertEquals(new TreeMap<Long, Object>(expected), windows, "each window with all its readings");
    }

    /**
     * Readings that reach the bolt before its state is initialized are failed, and the spout replays them after newer
     * readings whose watermarks moved on meanwhile. The windows await those replays, with persistence and without:
     * none is late.
     */
    @Test
    void readingsFailedBecauseTheyCameBeforeTheStateWasInitializedAreAwaited() {
        for (boolean persistent : new boolean[] {true, false}) {
            String name = "window-early-" + persistent;
            InMemoryKeyValueStateProvider.clear(name);
            Run r = new Run(300);
            r.freshBeforeReplay = 40;
            r.refuseInits.set(2); // Readings flow for two checkpoint intervals before the state is initialized.
            WindowFixtures.RUNS.put(name, r);
            Config conf = conf(name);
            conf.setMaxSpoutPending(200);
            Set<Integer> ids = r.expectedWindows(WINDOW_MS, 26_000).values().stream().flatMap(List::stream)
                    .collect(Collectors.toSet());
            try (TopologyTestDriver d = new TopologyTestDriver(topology(name, persistent), conf)) {
                advanceUntil(d, () -> r.acked.containsAll(ids), Duration.ofSeconds(1));
                assertTrue(d.counts("readings").failed() > 0, "readings came before the state was initialized");
                assertEquals(0, d.counts("windows").lateTuples(), "no replay came late (persistence " + persistent
                        + ")");
            }
            Map<Long, Object> windows = new TreeMap<>(committed(name));
            windows.remove(-1L);
            windows.keySet().removeIf(end -> end > 26_000);
            assertEquals(new TreeMap<Long, Object>(r.expectedWindows(WINDOW_MS, 26_000)), windows,
                    "each window with all its readings (persistence " + persistent + ")");
        }
    }

    /**
     * The checkpoint spout cannot save that PREPARE 1 went through for 8 s (timeout 5 s), so COMMIT 1 comes late: the
     * spout replays the readings the persisted windows took in before it, and the replays reach the bolt while their
     * first attempts are in the windows but not committed. The bolt holds them back and acks them at COMMIT 1
     * without adding them to the windows again: every window fires once with exactly its readings.
     */
    @Test
    void persistentWindowsHoldBackReplaysThatArriveBeforeTheirFirstAttemptsCommit() {
        String name = "window-late-commit";
        StallingCommitStateProvider.clear(name);
        Run r = new Run(200);
        WindowFixtures.RUNS.put(name, r);
        Map<String, Object> conf = new HashMap<>(conf(name));
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, StallingCommitStateProvider.class.getName());
        try (TopologyTestDriver d = new TopologyTestDriver(topology(name, true), conf)) {
            d.advance(TICK);
            StallingCommitStateProvider.COMMIT_DELAYED.add(name);
            d.advance(Duration.ofSeconds(8), TICK);
            assertTrue(d.counts("readings").timedOut() > 0, "the spout replayed readings");
            assertEquals(0, r.acked.size());
            StallingCommitStateProvider.COMMIT_DELAYED.remove(name);
            advanceUntil(d, r::done, Duration.ofSeconds(1));
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.readings);
        long lastEnd = (r.readings - 1) * WindowFixtures.STEP_MS / WINDOW_MS * WINDOW_MS;
        Map<Long, List<Integer>> expected = r.expectedWindows(WINDOW_MS, lastEnd);
        Map<Long, List<Integer>> fired = new TreeMap<>();
        for (var w : r.fired) {
            assertEquals(null, fired.put(w.getKey(), w.getValue()), "window " + w.getKey() + " fired twice");
        }
        assertEquals(expected, fired, "each window fired with exactly its readings");
        Map<Object, Object> state = Map.of();
        for (int task = 1; task < 10 && state.isEmpty(); task++) {
            state = StallingCommitStateProvider.committedIn(name, StatefulBoltRunner.namespace("windows", task));
        }
        long total = expected.values().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(total, state.get(-1L), "each window's update applied once");
    }

    @Test
    void persistenceNeedsOnlyAMessageTimeoutOfTwoCheckpointIntervals() {
        String name = "window-timeout";
        InMemoryKeyValueStateProvider.clear(name);
        WindowFixtures.RUNS.put(name, new Run(10));
        Map<String, Object> conf = new HashMap<>(conf(name));
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 3_000);
        var e = assertThrows(InvalidConfigException.class, () -> new TopologyTestDriver(topology(name, true), conf));
        assertTrue(e.getMessage().contains("'windows'") && e.getMessage().contains("topology.message.timeout.secs"),
                e.getMessage());
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new ReadingSpout(name));
        // A window of an hour by processing time would need an hour's timeout; persisted, 5 s do.
        b.setBolt("windows", new WindowRecorder(name).withTumblingWindow(BaseWindowedBolt.Duration.hours(1))
                .withPersistence(), 1).shuffleGrouping("readings");
        new TopologyTestDriver(b.createTopology(), conf(name)).close();
    }
}
