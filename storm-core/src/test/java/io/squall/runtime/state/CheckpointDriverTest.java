package io.squall.runtime.state;

import io.squall.Config;
import io.squall.config.InvalidConfigException;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.routing.KeyGroups;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.StatefulFixtures.SentenceSpout;
import io.squall.runtime.state.StatefulFixtures.SplitBolt;
import io.squall.runtime.state.StatefulFixtures.WordCounter;
import io.squall.spout.CheckpointSpout;
import io.squall.state.InMemoryKeyValueState;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints of stateful bolts on the deterministic driver and simulated time: commit, alignment, rollback, replay. */
// Simulated time: the runs take milliseconds, but loading classes on a loaded machine does not.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointDriverTest {
    private static final Duration TICK = Duration.ofMillis(100);

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
    }

    private static Config conf(String name) {
        InMemoryKeyValueStateProvider.clear(name);
        return confKeepingState(name);
    }

    /** The configuration of {@link #conf} without clearing the in-memory state a previous run left. */
    private static Config confKeepingState(String name) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_NAME, name);
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(30);
        conf.setMaxSpoutPending(200);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 500);
        return conf;
    }

    /** sentences -> split (2) -> count (3, stateful, by word); a second splitter when {@code twoSplitters}. */
    private static StormTopology wordCount(String run, boolean twoSplitters) {
        return wordCount(run, twoSplitters, 3);
    }

    private static StormTopology wordCount(String run, boolean twoSplitters, int counters) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(run));
        b.setBolt("split", new SplitBolt(run), 2).shuffleGrouping("sentences");
        var count = b.setBolt("count", new WordCounter(run), counters).fieldsGrouping("split", new Fields("word"));
        if (twoSplitters) {
            b.setBolt("split2", new SplitBolt(run), 1).shuffleGrouping("sentences");
            count.fieldsGrouping("split2", new Fields("word"));
        }
        return b.createTopology();
    }

    private static Run run(String name, int sentences) {
        Run r = new Run(StatefulFixtures.sentences(sentences, 7));
        StatefulFixtures.RUNS.put(name, r);
        return r;
    }

    /** Advances time until every sentence is acked, then one more checkpoint interval. */
    private static void runToCompletion(TopologyTestDriver d, Run r) {
        for (int i = 0; i < 2000 && !r.done(); i++) {
            d.advance(TICK);
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.sentences.length);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> committedCounts(String topology, TopologyTestDriver d) {
        Map<String, Long> all = new TreeMap<>();
        for (int group = 0; group < 128; group++) {
            InMemoryKeyValueState<String, Long> s =
                    (InMemoryKeyValueState<String, Long>) InMemoryKeyValueStateProvider.existing(topology,
                            StatefulBoltRunner.groupNamespace("count", group));
            if (s == null) {
                continue;
            }
            for (var e : s.committedEntries().entrySet()) {
                assertEquals(null, all.put(e.getKey(), e.getValue()), "word " + e.getKey() + " is in two groups");
            }
        }
        return all;
    }

    @Test
    void acksTuplesOnlyWhenTheCheckpointCoveringThemCommits() {
        Run r = run("commit", 50);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("commit", false), conf("commit"))) {
            d.advance(TICK); // INITSTATE, then every sentence is processed; nothing is committed yet.
            assertEquals(0, r.acked.size(), "acks wait for the first commit");
            assertEquals(Map.of(), committedCounts("commit", d));
            d.advance(Duration.ofMillis(500)); // PREPARE 1 and COMMIT 1
            assertEquals(50, r.acked.size());
            assertEquals(r.expectedCounts(), committedCounts("commit", d));
            assertTrue(d.counts(CheckpointSpout.CHECKPOINT_COMPONENT_ID).acked() >= 3, "INITSTATE, PREPARE, COMMIT");
        }
    }

    @Test
    void countsExactlyOnceWhenBoltsFailMidSentence() {
        Run r = run("failures", 1000);
        for (int i = 0; i < 1000; i += 37) {
            r.splitFailsOnce.add(i);
            r.countFailsOnce.add(i + 11);
        }
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("failures", true), conf("failures"))) {
            runToCompletion(d, r);
            d.advance(Duration.ofSeconds(1), TICK);
            assertTrue(r.failures.get() > 50, "the injected failures made the spout replay: " + r.failures.get());
            Map<String, Long> twice = new TreeMap<>();
            r.expectedCounts().forEach((w, n) -> twice.put(w, 2 * n)); // Both splitters get every sentence.
            assertEquals(twice, committedCounts("failures", d));
            List<ReportedError> errors = d.errors("count");
            assertTrue(errors.stream().anyMatch(e -> e.message().contains("injected failure")));
        }
    }

    @Test
    void rollsBackAndReplaysWhenAPrepareFails() {
        Run r = run("rollback", 300);
        r.refusePrepares.set(2);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("rollback", false), conf("rollback"))) {
            d.advance(TICK);
            d.advance(Duration.ofMillis(500));
            assertEquals(0, r.acked.size(), "the first prepare failed: nothing committed, nothing acked");
            assertEquals(Map.of(), committedCounts("rollback", d));
            assertTrue(r.failures.get() > 0, "the rollback failed the held tuples, so the spout replays them");
            runToCompletion(d, r);
            d.advance(Duration.ofSeconds(1), TICK);
            assertEquals(r.expectedCounts(), committedCounts("rollback", d));
            assertTrue(d.errors("count").stream().anyMatch(e -> e.message().contains("stateful bolt 'count'")
                    && e.message().contains("checkpoint PREPARE")), String.valueOf(d.errors("count")));
        }
    }

    private static Set<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Runs the word count until checkpoint 1 has committed the first {@code released} sentences while the spout
     * drops its acks, then stops the topology, as a worker killed between a commit and the arrival of its acks.
     */
    private static void commitThenLoseTheAcks(String name, Run r, ManualClock clock) {
        r.released.set(50);
        r.dropAcks = true;
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, false), conf(name), clock)) {
            d.advance(TICK);
            d.advance(Duration.ofMillis(500)); // PREPARE 1 and COMMIT 1
            assertEquals(r.expectedCounts(), committedCounts(name, d), "checkpoint 1 holds the 50 sentences");
        }
        assertEquals(0, r.acked.size(), "the spout lost every ack");
        r.dropAcks = false;
        r.counted.clear();
    }

    @Test
    void acksReplaysOfCommittedUpdatesWithoutRunningTheBoltAfterTheAcksWereLost() {
        Run r = run("lostacks", 100);
        ManualClock clock = new ManualClock();
        commitThenLoseTheAcks("lostacks", r, clock);
        // Restarted from the provider: the spout replays the 50 sentences (same message ids, new roots) and sends
        // 50 new ones, which are in no log.
        r.released.set(100);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("lostacks", false), confKeepingState("lostacks"),
                clock)) {
            runToCompletion(d, r);
            d.advance(Duration.ofSeconds(1), TICK);
            assertEquals(r.expectedCounts(), committedCounts("lostacks", d), "each sentence counted once");
            assertEquals(100, r.acked.size(), "the replays were acked");
            assertEquals(range(50, 100), new TreeSet<>(r.counted), "the bolt ran for the new sentences only");
        }
    }

    @Test
    void skipsReplaysOfCommittedUpdatesThatComeLongAfterTheSpoutRestarted() {
        Run r = run("latereplays", 100);
        ManualClock clock = new ManualClock();
        commitThenLoseTheAcks("latereplays", r, clock);
        r.released.set(0);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("latereplays", false),
                confKeepingState("latereplays"), clock)) {
            // Past the first seconds, in which a spout flags every emit even when its topology never checkpointed:
            // the replays are flagged because the checkpoint spout had saved progress before this spout started.
            d.advance(Duration.ofSeconds(10), TICK);
            r.released.set(100);
            runToCompletion(d, r);
            d.advance(Duration.ofSeconds(1), TICK);
            assertEquals(r.expectedCounts(), committedCounts("latereplays", d), "each sentence counted once");
            assertEquals(range(50, 100), new TreeSet<>(r.counted), "the bolt ran for the new sentences only");
        }
    }

    @Test
    void runsAReplayAgainOnceItsLogIsOlderThanTwiceTheMessageTimeout() {
        Run r = run("forgotten", 50);
        ManualClock clock = new ManualClock();
        commitThenLoseTheAcks("forgotten", r, clock);
        clock.advance(Duration.ofSeconds(61)); // The timeout is 30 s: the log of checkpoint 1 is forgotten.
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("forgotten", false), confKeepingState("forgotten"),
                clock)) {
            runToCompletion(d, r);
            d.advance(Duration.ofSeconds(1), TICK);
            Map<String, Long> twice = new TreeMap<>();
            r.expectedCounts().forEach((w, n) -> twice.put(w, 2 * n));
            assertEquals(twice, committedCounts("forgotten", d), "past the log's retention a replay counts again");
            assertEquals(range(0, 50), new TreeSet<>(r.counted));
        }
    }

    @Test
    void keepsEachWordInTheKeyGroupItIsRoutedBy() {
        Run r = run("groups", 100);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("groups", false), conf("groups"))) {
            runToCompletion(d, r);
            for (String word : r.expectedCounts().keySet()) {
                int group = KeyGroups.groupOf(List.of(word), new int[] {0}, 128);
                @SuppressWarnings("unchecked")
                var s = (InMemoryKeyValueState<String, Long>) InMemoryKeyValueStateProvider.existing("groups",
                        StatefulBoltRunner.groupNamespace("count", group));
                assertEquals(r.expectedCounts().get(word), s.committedValue(word), word + " in group " + group);
            }
        }
    }

    /**
     * A rescale is a restart at the last commit with a new task count: here the first restart also loses the acks
     * of a committed checkpoint, so the new owners of its groups must skip the replays by the groups' logs.
     */
    @Test
    void keepsExactCountsWhenTheCounterIsRescaledFromTwoToThreeToOneTasks() {
        Run r = run("rescale", 300);
        ManualClock clock = new ManualClock();
        r.released.set(50);
        r.dropAcks = true;
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount("rescale", false, 2), conf("rescale"), clock)) {
            d.advance(TICK);
            d.advance(Duration.ofMillis(500)); // PREPARE 1 and COMMIT 1 on two tasks
            assertEquals(r.expectedCounts(), committedCounts("rescale", d));
        }
        r.dropAcks = false;
        r.counted.clear();
        int[][] steps = {{3, 150}, {1, 300}};
        int from = 50;
        for (int[] step : steps) {
            r.released.set(step[1]);
            try (TopologyTestDriver d = new TopologyTestDriver(wordCount("rescale", false, step[0]),
                    confKeepingState("rescale"), clock)) {
                runToCompletion(d, r);
                d.advance(Duration.ofSeconds(1), TICK);
                assertEquals(r.expectedCounts(), committedCounts("rescale", d), "exact on " + step[0] + " tasks");
                assertEquals(range(from, step[1]), new TreeSet<>(r.counted), "the bolt ran for new sentences only");
            }
            from = step[1];
            r.counted.clear();
        }
    }

    @Test
    void refusesAKeyedStatefulBoltWithMoreTasksThanKeyGroups() {
        run("toomany", 1);
        Config conf = conf("toomany");
        conf.put(Config.TOPOLOGY_STATE_KEY_GROUPS, 2);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new TopologyTestDriver(wordCount("toomany", false), conf).close());
        assertTrue(rootMessage(e).contains("Stateful bolt 'count' has 3 tasks, more than its "
                + "topology.state.key.groups = 2"), rootMessage(e));
    }

    @Test
    void refusesATopologyWithStatefulBoltsAndNoAcking() {
        run("noack", 1);
        Config conf = conf("noack");
        conf.setNumAckers(0);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new TopologyTestDriver(wordCount("noack", false), conf).close());
        assertTrue(rootMessage(e).contains("topology.acker.executors"), rootMessage(e));
    }

    @Test
    void refusesAnUnknownStateProviderClass() {
        run("unknown", 1);
        Config conf = conf("unknown");
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, "com.example.NoSuchProvider");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new TopologyTestDriver(wordCount("unknown", false), conf).close());
        assertTrue(rootMessage(e).contains("com.example.NoSuchProvider")
                && rootMessage(e).contains("topology.state.provider"), rootMessage(e));
    }

    @Test
    void refusesMalformedProviderJson() {
        run("json", 1);
        Config conf = conf("json");
        conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": ");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new TopologyTestDriver(wordCount("json", false), conf).close());
        assertTrue(rootMessage(e).contains("topology.state.provider.config is not valid JSON"), rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }

    @Test
    void wiresEveryBoltIntoTheCheckpointStream() {
        StormTopology t = wordCount("wiring", true);
        assertTrue(t.getComponent(CheckpointSpout.CHECKPOINT_COMPONENT_ID) != null);
        var countInputs = t.getComponent("count").getInputs().keySet().stream().map(Object::toString).sorted().toList();
        assertEquals(List.of("split2:$checkpoint", "split2:default", "split:$checkpoint", "split:default"), countInputs);
        var splitInputs = t.getComponent("split").getInputs().keySet().stream().map(Object::toString).sorted().toList();
        assertEquals(List.of("$checkpointspout:$checkpoint", "sentences:default"), splitInputs);
    }
}
