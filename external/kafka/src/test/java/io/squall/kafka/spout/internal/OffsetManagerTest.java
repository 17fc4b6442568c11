package io.squall.kafka.spout.internal;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetManagerTest {
    private final TopicPartition tp = new TopicPartition("t", 0);

    @Test
    void commitsOnlyUpToTheFirstRecordNotDone() {
        OffsetManager m = new OffsetManager(tp, 10, -1);
        for (long o = 10; o < 15; o++) {
            m.fetched(o);
        }
        m.done(11);
        m.done(12);
        assertEquals(10, m.nextCommit(), "10 is not done: nothing past it may be committed");
        m.done(10);
        assertEquals(13, m.nextCommit());
        m.committed(13);
        assertEquals(-1, m.nextCommit(), "nothing new to commit");
        m.done(13);
        m.done(14);
        assertEquals(15, m.nextCommit(), "everything fetched is done: commit past it");
    }

    @Test
    void offsetsKafkaNeverReturnedDoNotHoldCommitsBack() {
        OffsetManager m = new OffsetManager(tp, 0, -1);
        m.fetched(0);
        m.fetched(5);
        m.fetched(9);
        m.done(0);
        m.done(5);
        assertEquals(9, m.nextCommit(), "1-4 and 6-8 were compacted away or were transaction markers");
        m.done(9);
        assertEquals(10, m.nextCommit());
    }

    @Test
    void aSkippedRecordMovesTheCommitPastIt() {
        OffsetManager m = new OffsetManager(tp, 3, 3);
        m.skippedTo(4);
        assertEquals(4, m.nextCommit());
    }

    @Test
    void aRecordIsDoneOnce() {
        OffsetManager m = new OffsetManager(tp, 0, -1);
        m.fetched(0);
        m.done(0);
        assertFalse(m.done(0));
        assertEquals(0, m.outstandingCount());
    }

    @Test
    void aPartitionIsStalledWhileItsFirstOutstandingRecordDoesNotComplete() {
        OffsetManager m = new OffsetManager(tp, 0, -1);
        assertEquals(0, m.stalledMs(1_000), "nothing outstanding: nothing to wait for");
        m.fetched(0);
        m.fetched(1);
        assertEquals(0, m.stalledMs(2_000), "first seen outstanding now");
        m.done(1);
        assertEquals(3_000, m.stalledMs(5_000), "1 completed, but 0 still holds the commit back");
        m.done(0);
        m.fetched(2);
        assertEquals(0, m.stalledMs(6_000), "the committable offset moved");
        assertEquals(4_000, m.stalledMs(10_000));
    }

    @Test
    void aStallIsReportedOnceItLastsAndThenOncePerStallPeriod() {
        OffsetManager m = new OffsetManager(tp, 0, -1);
        m.fetched(0);
        assertFalse(m.stallReportDue(0, 10_000));
        assertFalse(m.stallReportDue(9_999, 10_000), "not stalled long enough");
        assertTrue(m.stallReportDue(10_000, 10_000));
        assertFalse(m.stallReportDue(15_000, 10_000), "reported 5 s ago");
        assertTrue(m.stallReportDue(20_000, 10_000), "still stalled a period later");
        m.done(0);
        m.fetched(1);
        assertFalse(m.stallReportDue(21_000, 10_000), "moved: a new wait starts");
        assertFalse(m.stallReportDue(30_999, 10_000));
        assertTrue(m.stallReportDue(31_000, 10_000));
    }
}
