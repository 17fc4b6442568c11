package io.squall.trident.coordinator;

import io.squall.Config;
import io.squall.trident.coordinator.CoordinatorEmits.Emit;
import io.squall.utils.Clock;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coordinator's state machine, driven by hand: what it emits for each ack and fail. */
class MasterBatchCoordinatorTest {

    private final List<Emit> emits = new ArrayList<>();
    private MasterBatchCoordinator mbc;
    private String txId;
    private final ManualClock time = new ManualClock();

    @BeforeEach
    void open() {
        open(2, 0, time);
    }

    private void open(int pending, int intervalMillis, Clock clock) {
        txId = "mbc-" + UUID.randomUUID();
        mbc = new MasterBatchCoordinator(List.of(txId));
        mbc.useClockWithoutContext(clock);
        Map<String, Object> conf = new HashMap<>();
        conf.put(Config.TOPOLOGY_MAX_SPOUT_PENDING, pending);
        conf.put(MasterBatchCoordinator.BATCH_EMIT_INTERVAL_MILLIS, intervalMillis);
        mbc.open(conf, null, CoordinatorEmits.recordingInto(emits));
    }

    private List<Emit> step() {
        int before = emits.size();
        mbc.nextTuple();
        return new ArrayList<>(emits.subList(before, emits.size()));
    }

    private Emit only(List<Emit> e, String stream, long txid) {
        assertEquals(1, e.size(), e.toString());
        assertEquals(stream, e.get(0).stream());
        assertEquals(txid, e.get(0).txid());
        return e.get(0);
    }

    @Test
    void startsAtMostMaxPendingBatchesAndCommitsTheOldestFirst() {
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        Emit b2 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        assertTrue(step().isEmpty(), "two in flight at most");
        mbc.ack(b2.msgId());
        assertTrue(step().isEmpty(), "batch 2 waits for batch 1");
        mbc.ack(b1.msgId());
        Emit c1 = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        assertTrue(step().isEmpty(), "one commit at a time, and no slot yet");
        mbc.ack(c1.msgId());
        assertEquals(MasterBatchCoordinator.SUCCESS_STREAM, emits.get(emits.size() - 1).stream());
        try (InMemoryCoordinatorStore store = new InMemoryCoordinatorStore(txId)) {
            assertEquals(1, store.committedTxid());
        }
        only(step(), MasterBatchCoordinator.COMMIT_STREAM, 2);
    }

    @Test
    void aFailedBatchIsRetriedWithItsTxidAndSoIsEveryLaterOne() {
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        Emit b2 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        mbc.fail(b1.msgId());
        List<Emit> retried = step();
        assertEquals(List.of(1L, 2L), retried.stream().map(Emit::txid).toList());
        mbc.ack(b2.msgId());
        mbc.ack(b1.msgId());
        assertTrue(step().isEmpty(), "acks of the failed attempts are ignored");
        mbc.ack(retried.get(0).msgId());
        only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
    }

    @Test
    void aFailedCommitIsRetriedAsACommitThenAsAWholeBatch() {
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        mbc.ack(b1.msgId());
        Emit c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        for (int i = 0; i < MasterBatchCoordinator.COMMIT_RETRIES; i++) {
            mbc.fail(c.msgId());
            time.advanceNanos(MasterBatchCoordinator.MAX_BACKOFF_NANOS);
            c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        }
        mbc.fail(c.msgId());
        time.advanceNanos(MasterBatchCoordinator.MAX_BACKOFF_NANOS);
        List<Emit> replayed = step();
        assertEquals(List.of(1L, 2L), replayed.stream().map(Emit::txid).toList());
        assertTrue(replayed.stream().allMatch(e -> e.stream().equals(MasterBatchCoordinator.BATCH_STREAM)));
    }

    @Test
    void aBatchThatFailsAgainIsRetriedAfterAPauseThatDoublesUpToASecond() {
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        mbc.fail(b1.msgId());
        List<Emit> retried = step();
        assertEquals(List.of(1L, 2L), retried.stream().map(Emit::txid).toList(), "the first failure: at once");
        long pause = MasterBatchCoordinator.FIRST_BACKOFF_NANOS;
        for (int failures = 2; failures <= 14; failures++) {
            mbc.fail(retried.get(0).msgId());
            time.advanceNanos(pause - 1);
            assertTrue(step().isEmpty(), "failure " + failures + ": not before " + pause + " ns");
            time.advanceNanos(1);
            retried = step();
            assertEquals(List.of(1L, 2L), retried.stream().map(Emit::txid).toList(), "failure " + failures);
            pause = Math.min(pause * 2, MasterBatchCoordinator.MAX_BACKOFF_NANOS);
        }
        assertEquals(MasterBatchCoordinator.MAX_BACKOFF_NANOS, pause, "the pause stops growing at a second");
        mbc.ack(retried.get(0).msgId());
        mbc.ack(retried.get(1).msgId());
        only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
    }

    @Test
    void noNewBatchStartsWhileRetriedOnesWaitForTheirPause() {
        open(3, 0, time);
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        mbc.fail(b1.msgId());
        List<Emit> first = step();
        assertEquals(List.of(1L, 2L), first.stream().map(Emit::txid).toList(), "the retry at once, then batch 2");
        mbc.fail(first.get(0).msgId());
        assertTrue(step().isEmpty(), "batch 3 would start where batch 2's old attempt ended: it waits for the retries");
        time.advanceNanos(MasterBatchCoordinator.FIRST_BACKOFF_NANOS);
        assertEquals(List.of(1L, 2L, 3L), step().stream().map(Emit::txid).toList(), "the retries, then batch 3");
    }

    @Test
    void aCommitThatFailsAgainWaitsAndSoDoTheLaterBatchesRetriedBehindIt() {
        Emit b1 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        Emit b2 = only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        mbc.ack(b1.msgId());
        Emit c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        mbc.fail(c.msgId());
        c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        mbc.fail(c.msgId());
        assertTrue(step().isEmpty(), "the second failed commit waits");
        time.advanceNanos(MasterBatchCoordinator.FIRST_BACKOFF_NANOS);
        c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        mbc.fail(b2.msgId()); // Batch 2's first failure: it would be retried at once, but not before batch 1.
        mbc.fail(c.msgId());
        assertTrue(step().isEmpty());
        time.advanceNanos(2 * MasterBatchCoordinator.FIRST_BACKOFF_NANOS);
        c = only(step(), MasterBatchCoordinator.COMMIT_STREAM, 1);
        mbc.ack(c.msgId());
        assertEquals(List.of(2L, 3L), step().stream().map(Emit::txid).toList(), "batch 2 retried, batch 3 started");
    }

    @Test
    void startsOneBatchPerIntervalOnAGridSoThatALateStartDoesNotDelayTheNextOnes() {
        ManualClock clock = new ManualClock();
        open(100, 10, clock);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        clock.advanceMillis(9);
        assertTrue(step().isEmpty(), "not before the interval has passed");
        clock.advanceMillis(5);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        clock.advanceMillis(6);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 3);
        assertTrue(step().isEmpty(), "batch 3 started at 20 ms, on time: the next is due at 30 ms");
        clock.advanceMillis(9);
        assertTrue(step().isEmpty());
        clock.advanceMillis(1);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 4);
    }

    @Test
    void aStartLateByMoreThanAnIntervalCatchesUpOnceAtMost() {
        ManualClock clock = new ManualClock();
        open(100, 10, clock);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 1);
        clock.advanceMillis(55);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 2);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 3);
        assertTrue(step().isEmpty(), "one catch-up start, not the five intervals missed");
        clock.advanceMillis(9);
        assertTrue(step().isEmpty());
        clock.advanceMillis(1);
        only(step(), MasterBatchCoordinator.BATCH_STREAM, 4);
    }

    @Test
    void neverStartsMoreThanOnePerIntervalPlusTwoOverAnySpan() {
        ManualClock clock = new ManualClock();
        open(10_000, 5, clock);
        List<Long> starts = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            clock.advanceNanos(random.nextLong(12_000_000));
            if (!step().isEmpty()) {
                starts.add(clock.nanoTime());
            }
        }
        for (int a = 0; a < starts.size(); a++) {
            for (int b = a; b < starts.size() && b < a + 40; b++) {
                long span = starts.get(b) - starts.get(a);
                assertTrue(b - a + 1 <= span / 5_000_000 + 2, "starts " + a + ".." + b + " in " + span + " ns");
            }
        }
        assertTrue(starts.size() > 1700, "steps 6 ms apart on average start a batch at most of them: " + starts.size());
    }
}
