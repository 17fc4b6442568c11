package io.squall.runtime.queue;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackpressureTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Backpressure bp = new Backpressure(nanos::get);

    private void advanceMs(long ms) {
        nanos.addAndGet(ms * 1_000_000);
    }

    @Test
    void timesCongestionPerQueueAndRemembersWhichQueueCongestedFirst() {
        bp.raise("count[3-4]");
        advanceMs(10);
        bp.raise("split[1-2]");
        advanceMs(5);
        bp.lower("count[3-4]");
        advanceMs(5);
        assertTrue(bp.isCongested());
        bp.lower("split[1-2]");
        assertFalse(bp.isCongested());
        advanceMs(100);
        bp.raise("split[1-2]");
        advanceMs(7);

        Backpressure.Report r = bp.report();
        assertTrue(r.congested());
        assertEquals(2, r.episodes());
        assertEquals(20 + 7, r.congestedMs());
        assertEquals("split[1-2]", r.lastFirstQueue());
        assertEquals(Map.of("count[3-4]", 15L, "split[1-2]", 10L + 7L), r.congestedMsByQueue());
        assertEquals(Map.of("count[3-4]", 1L, "split[1-2]", 1L), r.firstCountByQueue());
    }

    @Test
    void congestionReportedByOtherWorkersIsRecordedApart() {
        bp.raise();
        advanceMs(3);
        bp.lower();
        assertEquals(Map.of(Backpressure.REMOTE, 3L), bp.report().congestedMsByQueue());
        assertEquals(Backpressure.REMOTE, bp.report().lastFirstQueue());
    }

    @Test
    void aQueueCannotReturnATokenItDoesNotHold() {
        bp.raise("a");
        assertThrows(IllegalStateException.class, () -> bp.lower("b"));
        bp.lower("a");
        assertThrows(IllegalStateException.class, () -> bp.lower("a"));
    }

    @Test
    void wakesTheRegisteredExecutorsWhenTheLastTokenIsReturned() {
        AtomicLong wakes = new AtomicLong();
        bp.wakeOnRelief(wakes::incrementAndGet);
        bp.raise("a");
        bp.raise("b");
        bp.lower("a");
        assertEquals(0, wakes.get(), "still congested by b");
        bp.lower("b");
        assertEquals(1, wakes.get());
    }
}
