package io.squall.trident;

import io.squall.Config;
import io.squall.topology.FailedException;
import io.squall.trident.coordinator.CoordinatorEmits;
import io.squall.trident.coordinator.CoordinatorEmits.Emit;
import io.squall.trident.coordinator.MasterBatchCoordinator;
import io.squall.trident.operation.Filter;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ported topology's failure injector against the real coordinator, on a fixed schedule: the coordinator and the
 * committer answer at once, the spout's part handles one batch at a time (as when it lags behind, so three batches
 * are in flight when one fails). A failed batch is retried with every later batch in flight; an injector that
 * fails every 17th tuple then fails the same batch on every attempt, since a retry round takes exactly 17 calls
 * (the failing batch stops at its first tuple, the two after it have 8 each). Deterministic: no threads, and a
 * manual clock that moves a second a round, so the coordinator's pause before a retry has always passed.
 */
class PortedFaultScheduleTest {
    private static final int WORDS_PER_PARTITION = 30;
    private static final int WORDS_PER_BATCH = 4;
    private static final int PARTITIONS = 2;
    /** The txid whose batch holds the last words. */
    private static final long LAST_TXID = (WORDS_PER_PARTITION + WORDS_PER_BATCH - 1) / WORDS_PER_BATCH;


    @Test
    void theInjectedFailuresLetEveryBatchCommit(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = PortedSource.compile(dir)) {
            Filter filter = (Filter) loader.loadClass(PortedSource.TOPOLOGY + "$FailSometimes")
                    .getConstructor().newInstance();
            long committed = run(filter, 2_000);
            assertEquals(LAST_TXID, committed, "txids committed after 2,000 rounds");
        }
    }

    /** Runs the schedule for {@code rounds} rounds or until the last batch commits; returns the last committed txid. */
    private static long run(Filter filter, int rounds) {
        List<Emit> emits = new ArrayList<>();
        MasterBatchCoordinator mbc = new MasterBatchCoordinator(List.of("ported-" + UUID.randomUUID()));
        Map<String, Object> conf = new HashMap<>();
        conf.put(Config.TOPOLOGY_MAX_SPOUT_PENDING, 3);
        conf.put(MasterBatchCoordinator.BATCH_EMIT_INTERVAL_MILLIS, 0);
        ManualClock clock = new ManualClock();
        mbc.useClockWithoutContext(clock);
        mbc.open(conf, null, CoordinatorEmits.recordingInto(emits));
        Deque<Emit> spoutPart = new ArrayDeque<>();
        long committed = 0;
        for (int r = 0; r < rounds && committed < LAST_TXID; r++) {
            clock.advanceNanos(MasterBatchCoordinator.MAX_BACKOFF_NANOS);
            // The coordinator starts, retries and commits what it can; commits succeed at once.
            for (boolean more = true; more; ) {
                int before = emits.size();
                mbc.nextTuple();
                more = emits.size() > before;
                for (Emit e : List.copyOf(emits.subList(before, emits.size()))) {
                    if (MasterBatchCoordinator.BATCH_STREAM.equals(e.stream())) {
                        spoutPart.add(e);
                    } else if (MasterBatchCoordinator.COMMIT_STREAM.equals(e.stream())) {
                        mbc.ack(e.msgId());
                        committed = e.txid();
                    }
                }
            }
            // The spout's part runs one batch through the filter; its first failure fails the batch.
            Emit batch = spoutPart.poll();
            if (batch != null) {
                if (passes(filter, tuples(batch.txid()))) {
                    mbc.ack(batch.msgId());
                } else {
                    mbc.fail(batch.msgId());
                }
            }
        }
        mbc.close();
        return committed;
    }

    /** The tuples of a txid's batch: each partition's next range, until the words run out. */
    private static int tuples(long txid) {
        long start = (txid - 1) * WORDS_PER_BATCH;
        return (int) (PARTITIONS * Math.max(0, Math.min(WORDS_PER_BATCH, WORDS_PER_PARTITION - start)));
    }

    private static boolean passes(Filter filter, int tuples) {
        for (int i = 0; i < tuples; i++) {
            try {
                filter.isKeep(null);
            } catch (FailedException e) {
                return false;
            }
        }
        return true;
    }
}
