package io.squall.runtime.state;

import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.spout.CheckpointSpout;
import io.squall.testing.TopologyTestDriver;
import io.squall.utils.ManualClock;
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
 * A stateful bolt holds back another attempt of a spout tuple whose updates it applied since its last commit, on
 * the deterministic driver: a replay after a timeout that reaches the counter before the first attempt's COMMIT, a
 * first attempt delayed behind its replay, a ROLLBACK while tuples are held, and a rescale while they are. In each
 * the committed counts are exact and the counter ran each word of each counted attempt once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HoldBackTest {
    private static final Duration TICK = Duration.ofMillis(100);

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
    }

    private static Run run(String name, int sentences, long seed) {
        Run r = new Run(StatefulFixtures.sentences(sentences, seed));
        StatefulFixtures.RUNS.put(name, r);
        return r;
    }

    private static void runToCompletion(TopologyTestDriver d, Run r) {
        for (int i = 0; i < 1000 && !r.done(); i++) {
            d.advance(TICK);
        }
        assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.released.get());
        d.advance(Duration.ofSeconds(1), TICK);
    }

    private static Map<Object, Object> committed(String name) {
        return new TreeMap<>(StallingCommitStateProvider.committed(name, "count"));
    }

    /**
     * The first attempts of 10 sentences wait in the splitter until the spout times them out and replays them; the
     * splitter then splits each replay and right after it the first attempt. The replay's words run; the first
     * attempt's reach the counter while the replay's updates are not committed, are held back, and at the COMMIT are
     * acked without running.
     */
    @Test
    void holdsAFirstAttemptThatArrivesAfterItsReplayAndAcksItAtTheCommit() {
        String name = "replay-first";
        Run r = run(name, 40, 3);
        for (int i = 0; i < 10; i++) {
            r.splitDelaysFirst.add(i);
        }
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 1, 3), freshConf(name, 5, 500))) {
            runToCompletion(d, r);
            assertTrue(d.counts("sentences").timedOut() >= 10, "the kept first attempts timed out");
        }
        assertEquals(new TreeMap<>(r.expectedCounts()), committed(name), "each sentence counted once");
        assertEquals(r.words(), r.wordsRun(), "the counter ran the replays' words, not the delayed first attempts'");
    }

    /**
     * The checkpoint spout cannot save that PREPARE 1 went through for 8 s (timeout 5 s), so COMMIT 1 waits: the
     * spout replays every sentence, and the replays reach the counter while the first attempts' updates are prepared
     * and not committed. They are held back, and acked without running at COMMIT 1.
     */
    @Test
    void holdsAReplayThatArrivesBeforeItsFirstAttemptCommitsAndAcksItAtTheCommit() {
        String name = "first-then-replay";
        Run r = run(name, 100, 5);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 3), freshConf(name, 5, 500))) {
            d.advance(TICK); // INITSTATE; every sentence runs.
            StallingCommitStateProvider.COMMIT_DELAYED.add(name);
            d.advance(Duration.ofSeconds(8), TICK);
            assertEquals(0, r.acked.size(), "nothing committed yet");
            assertTrue(d.counts("sentences").timedOut() > 0, "the spout replayed sentences");
            StallingCommitStateProvider.COMMIT_DELAYED.remove(name);
            runToCompletion(d, r);
        }
        assertEquals(new TreeMap<>(r.expectedCounts()), committed(name), "each sentence counted once");
        assertEquals(r.words(), r.wordsRun(), "the replays were held back and acked, never run");
    }

    /**
     * Checkpoints every 8 s with a 5 s timeout (a configuration the checkpoint spout warns about): the sentences run
     * at once, time out before PREPARE 1, and their replays are held back. PREPARE 1 then fails at the counter, so
     * the checkpoint rolls back: the first attempts' updates are gone and the held replays are failed with them. The
     * spout replays the sentences again; those run, time out again, and the next replays are acked at COMMIT 2.
     */
    @Test
    void failsTheHeldTuplesAtARollback() {
        String name = "rollback-held";
        Run r = run(name, 60, 11);
        r.refusePrepares.set(1);
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 3), freshConf(name, 5, 8000))) {
            d.advance(Duration.ofSeconds(7), TICK);
            assertTrue(d.counts("sentences").timedOut() > 0, "the spout replayed sentences before PREPARE 1");
            assertEquals(r.words(), r.wordsRun(), "the replays are held back");
            d.advance(Duration.ofSeconds(2), TICK); // PREPARE 1 fails, ROLLBACK 1.
            assertTrue(r.failures.get() > 0, "the held replays failed at the rollback");
            assertEquals(0, r.acked.size());
            runToCompletion(d, r);
            assertTrue(d.errors(CheckpointSpout.CHECKPOINT_COMPONENT_ID).stream()
                    .anyMatch(e -> e.message().contains("is not well above")), "the configuration is warned about");
        }
        assertEquals(new TreeMap<>(r.expectedCounts()), committed(name), "each sentence counted once");
        assertEquals(2 * r.words(), r.wordsRun(), "the rolled back first attempts and the attempts after the rollback "
                + "ran; the held replays did not");
    }

    /**
     * The counter's COMMIT 1 fails (its store is down) on two tasks while the spout replays the prepared sentences,
     * which are held back; then the counter is rescaled to three tasks, which moves key groups: the held tuples go
     * with the old tasks, the recovery commits checkpoint 1, and the groups' new owners skip the next replays by the
     * groups' logs (the bolt does not run them). A second rescale, to one task, with new sentences, is exact too.
     */
    @Test
    void keepsExactCountsWhenTheCounterIsRescaledWhileTuplesAreHeld() {
        String name = "rescale-held";
        Run r = run(name, 150, 13);
        r.released.set(50);
        ManualClock clock = new ManualClock();
        try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, 2), freshConf(name, 5, 500), clock)) {
            d.advance(TICK);
            StallingCommitStateProvider.STALLED.add(name);
            d.advance(Duration.ofSeconds(8), TICK);
            assertTrue(d.counts("sentences").timedOut() > 0, "the spout replayed sentences");
            assertEquals(r.words(), r.wordsRun(), "the replays are held back");
        }
        StallingCommitStateProvider.STALLED.remove(name);
        assertEquals(0, r.acked.size());
        // A recovery runs tuples between its COMMIT and the INITSTATE that rolls them back, so new sentences may
        // run twice (once rolled back); the committed ones must not run again.
        Map<Integer, Integer> before = new TreeMap<>(r.runs);
        int from = 50;
        int[][] steps = {{3, 100}, {1, 150}};
        for (int[] step : steps) {
            r.released.set(step[1]);
            try (TopologyTestDriver d = new TopologyTestDriver(wordCount(name, 2, step[0]),
                    StallingCommitStateProvider.conf(name, 5, 500), clock)) {
                runToCompletion(d, r);
            }
            assertEquals(new TreeMap<>(r.expectedCounts()), committed(name), "exact on " + step[0] + " tasks");
            for (int i = 0; i < from; i++) {
                assertEquals(before.get(i), r.runs.get(i), "sentence " + i + " committed before the rescale to "
                        + step[0] + " tasks: its replay was skipped, not run");
            }
            before = new TreeMap<>(r.runs);
            from = step[1];
        }
    }
}
