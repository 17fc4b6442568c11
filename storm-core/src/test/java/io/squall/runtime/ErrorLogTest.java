package io.squall.runtime;

import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorLogTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final ErrorLog log = new ErrorLog(clock, Duration.ofSeconds(10).toNanos());

    @Test
    void aComponentFailingEveryTupleIsRecordedOncePerIntervalAndCounted() {
        for (int i = 0; i <= 10_000; i++) {
            log.report("bolt", 3, new IllegalStateException("tuple " + i));
            clock.advanceMillis(1);
        }
        // 10 001 errors, one a millisecond: the first, and the one 10 s later.
        assertEquals(2, log.errors("bolt").size());
        assertEquals("java.lang.IllegalStateException: tuple 0", log.errors("bolt").get(0).message());
        assertEquals(9_999, log.suppressed("bolt"));
        assertEquals(1_000_000, log.errors("bolt").get(0).timeMillis(), "stamped by the log's clock");
    }

    @Test
    void limitsEachComponentOnItsOwn() {
        log.report("a", 1, new RuntimeException("a"));
        log.report("b", 2, new RuntimeException("b"));
        log.report("a", 1, new RuntimeException("a again"));
        assertEquals(1, log.errors("a").size());
        assertEquals(1, log.errors("b").size());
        assertEquals(1, log.suppressed("a"));
    }

    @Test
    void recordsAnErrorThatStopsTheTopologyWhateverTheRate() {
        log.report("a", 1, new RuntimeException("first"));
        log.reportAlways("a", -1, new OutOfMemoryError("fatal"));
        assertEquals(2, log.errors("a").size());
        assertEquals(-1, log.errors("a").get(1).taskId());
    }
}
