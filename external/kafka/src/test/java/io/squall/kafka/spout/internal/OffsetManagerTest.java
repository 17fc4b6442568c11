package io.squall.kafka.spout.internal;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
