package io.squall.runtime.state;

import io.squall.Config;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.spout.CheckpointSpout;
import io.squall.testing.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.squall.runtime.state.StallingCommitStateProvider.freshConf;
import static io.squall.runtime.state.StatefulFixtures.wordCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens to exactly-once state when tuples wait for their commit longer than the message timeout, on the
 * deterministic driver: a checkpoint whose COMMIT fails for a while (a store slow or down after the prepare), one
 * whose COMMIT the checkpoint spout sends late (it cannot save its progress), and a checkpoint interval longer than
 * the timeout. The spout times the held tuples out and replays them; the replays reach the counter while the first
 * attempts' updates are not committed yet, and are held back until they are, then acked without running: the counts
 * are exact. The checkpoint spout still counts such a commit ({@code checkpoint.overdue}) and reports it, since the
 * work was done twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CheckpointTimeoutTest {
    private static final Duration TICK = Duration.ofMillis(100);

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
    }

    /**
     * 100 sentences run and are prepared in checkpoint 1, whose COMMIT then fails for {@code stallSecs}, retried
     * every interval; then every sentence is run to its ack. Returns the committed counts over the true ones
     * (1: exact, 2: every sentence counted twice) and checks that the checkpoint spout reported an overdue commit
     * when the stall outlasted the timeout.
     */
    private static double stallTheFirstCommit(String name, int timeoutSecs, int stallSecs) {
        Run r = new Run(StatefulFixtures.sentences(100, 13));
        StatefulFixtures.RUNS.put(name, r);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 3), freshConf(name, timeoutSecs, 500))) {
            d.advance(TICK); // INITSTATE; every sentence runs, its acks held.
            StallingCommitStateProvider.STALLED.add(name);
            d.advance(Duration.ofSeconds(stallSecs), TICK); // PREPARE 1 goes through, COMMIT 1 fails and is retried.
            assertEquals(0, r.acked.size(), "nothing committed, nothing acked while the commits fail");
            StallingCommitStateProvider.STALLED.remove(name);
            for (int i = 0; i < 600 && !r.done(); i++) {
                d.advance(TICK);
            }
            assertTrue(r.done(), "acked " + r.acked.size());
            d.advance(Duration.ofSeconds(1), TICK);
            boolean timedOut = d.counts("sentences").timedOut() > 0;
            boolean reported = d.errors(CheckpointSpout.CHECKPOINT_COMPONENT_ID).stream()
                    .anyMatch(e -> e.message().contains("Checkpoint 1 committed")
                            && e.message().contains("topology.message.timeout.secs = " + timeoutSecs));
            assertEquals(stallSecs >= timeoutSecs, timedOut, "the spout timed sentences out: " + d.counts("sentences"));
            assertEquals(stallSecs >= timeoutSecs, reported, "the overdue commit reported: "
                    + d.errors(CheckpointSpout.CHECKPOINT_COMPONENT_ID));
        }
        return ratio(StallingCommitStateProvider.committed(name, "count"), r.expectedCounts());
    }

    @Test
    void warnsOfAMessageTimeoutNotWellAboveTheCheckpointInterval() {
        Config conf = new Config();
        assertEquals(null, CheckpointSpout.timeoutWarning(conf), "defaults: 30 s against 1 s");
        conf.setMessageTimeoutSecs(5);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 2000);
        String warning = CheckpointSpout.timeoutWarning(conf);
        assertTrue(warning.startsWith("topology.message.timeout.secs = 5 is not well above "
                + "topology.state.checkpoint.interval.ms = 2000"), warning);
        assertTrue(warning.contains("Raise topology.message.timeout.secs to at least 3 intervals (6 s) or lower "
                + "topology.state.checkpoint.interval.ms to at most a third of the timeout (1666 ms)"), warning);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 1000);
        assertEquals(null, CheckpointSpout.timeoutWarning(conf), "5 s against 1 s");
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 2000);
        conf.put("topology.enable.message.timeouts", false);
        assertEquals(null, CheckpointSpout.timeoutWarning(conf), "no timeouts, no replays");
    }

    private static double ratio(Map<Object, Object> committed, Map<String, Long> expected) {
        long got = committed.values().stream().mapToLong(v -> (Long) v).sum();
        long want = expected.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(new TreeMap<>(expected).keySet(), new TreeMap<>(committed).keySet());
        return (double) got / want;
    }

    /**
     * A COMMIT that fails until long past the timeout (the store is down): the spout replays the held sentences, and
     * the replays run while checkpoint 1 is not committed. Still exact: the failed COMMIT barrier counts as a failure
     * at the counter, so the PREPARE after the retried commit fails and rolls the replays back; their next attempt
     * finds checkpoint 1 in the applied log and is acked without running.
     */
    @Test
    void aCommitThatFailsPastTheMessageTimeoutStaysExact() {
        assertEquals(1.0, stallTheFirstCommit("stall-past-timeout", 5, 8), 1e-9);
    }

    @Test
    void aCommitThatFailsWithinTheMessageTimeoutStaysExact() {
        assertEquals(1.0, stallTheFirstCommit("stall-within-timeout", 30, 8), 1e-9);
    }

    /**
     * Tuples held for a whole 8 s interval with a 5 s timeout: the spout replays them before their PREPARE, and the
     * counter holds the replays back while the first attempts' updates are not committed; at the COMMIT it acks them
     * without running them. Exact; reported as an overdue commit, and the configuration warned about. (The same
     * happens on real threads when a PREPARE, or a tuple's wait in queues, makes a tuple's emit to its COMMIT longer
     * than the timeout; the driver runs one executor at a time, so a slow call cannot race the spout's timeouts here.)
     */
    @Test
    void aCheckpointIntervalLongerThanTheMessageTimeoutStaysExact() {
        String name = "long-interval";
        Run r = new Run(StatefulFixtures.sentences(100, 17));
        StatefulFixtures.RUNS.put(name, r);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 3), freshConf(name, 5, 8000))) {
            for (int i = 0; i < 600 && !r.done(); i++) {
                d.advance(TICK);
            }
            assertTrue(r.done(), "acked " + r.acked.size());
            assertTrue(d.counts("sentences").timedOut() > 0, "tuples that waited 8 s for their PREPARE timed out");
            // Errors are recorded once per component every 10 s: the warning at the start hides the first overdue
            // commit's report, checkpoint 2's (8 s after PREPARE 1) is recorded.
            d.advance(Duration.ofSeconds(9), TICK);
            assertTrue(d.errors(CheckpointSpout.CHECKPOINT_COMPONENT_ID).stream()
                    .anyMatch(e -> e.message().contains("Checkpoint 2 committed")), "the overdue commit reported");
            assertTrue(d.errors(CheckpointSpout.CHECKPOINT_COMPONENT_ID).stream()
                    .anyMatch(e -> e.message().contains("topology.message.timeout.secs = 5 is not well above "
                            + "topology.state.checkpoint.interval.ms = 8000")), "the configuration warned about");
        }
        assertEquals(1.0, ratio(StallingCommitStateProvider.committed(name, "count"), r.expectedCounts()), 1e-9,
                "the replays were held back and acked at the commit, not counted again");
        assertEquals(r.words(), r.wordsRun(), "the counter ran each word once");
    }

    /**
     * The checkpoint spout cannot save that PREPARE 1 went through for 8 s (timeout 5 s), so COMMIT 1 reaches the
     * counter late without any failure there: the replays meet prepared, uncommitted updates of their first attempts
     * (before the hold-back, both were committed). Exact. (The overdue commit is counted, but its report falls within
     * 10 s of the spout's reports that it cannot save its progress, and errors are recorded once per 10 s.)
     */
    @Test
    void aCommitSentPastTheMessageTimeoutStaysExactAndIsReportedAsOverdue() {
        String name = "late-commit";
        Run r = new Run(StatefulFixtures.sentences(100, 19));
        StatefulFixtures.RUNS.put(name, r);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 3), freshConf(name, 5, 500))) {
            d.advance(TICK);
            StallingCommitStateProvider.COMMIT_DELAYED.add(name);
            d.advance(Duration.ofSeconds(8), TICK);
            StallingCommitStateProvider.COMMIT_DELAYED.remove(name);
            for (int i = 0; i < 600 && !r.done(); i++) {
                d.advance(TICK);
            }
            assertTrue(r.done(), "acked " + r.acked.size());
            assertTrue(d.counts("sentences").timedOut() > 0, "the spout replayed sentences");
        }
        assertEquals(1.0, ratio(StallingCommitStateProvider.committed(name, "count"), r.expectedCounts()), 1e-9);
        assertEquals(r.words(), r.wordsRun(), "the counter ran each word once");
    }
}
