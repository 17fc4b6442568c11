package io.squall.kafka.spout;

import io.squall.kafka.spout.KafkaSpoutRetryExponentialBackoff.TimeInterval;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaSpoutRetryExponentialBackoffTest {
    private final AtomicLong now = new AtomicLong();
    private final TopicPartition tp = new TopicPartition("t", 0);
    private final KafkaSpoutRetryExponentialBackoff retry = new KafkaSpoutRetryExponentialBackoff(
            TimeInterval.milliSeconds(5), TimeInterval.milliSeconds(10), 3, TimeInterval.milliSeconds(35), now::get);

    private KafkaSpoutMessageId failed(long offset, int times) {
        KafkaSpoutMessageId id = new KafkaSpoutMessageId(tp, offset);
        for (int i = 0; i < times; i++) {
            id.incrementNumFails();
        }
        return id;
    }

    @Test
    void delaysGrowExponentiallyUpToTheMaximum() {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), retry.delayNanos(1));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(20), retry.delayNanos(2));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(35), retry.delayNanos(3), "40 ms capped at 35");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(35), retry.delayNanos(200), "no overflow");
    }

    @Test
    void aRetryIsReadyOnlyOnceItsDelayPassed() {
        KafkaSpoutMessageId id = failed(7, 1);
        assertTrue(retry.schedule(id));
        assertTrue(retry.isScheduled(id));
        assertFalse(retry.isReady(id));
        assertEquals(Map.of(), retry.earliestRetriableOffsets());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
        assertTrue(retry.isReady(id));
        assertEquals(1, retry.readyMessageCount());
        assertEquals(Map.of(tp, 7L), retry.earliestRetriableOffsets());
        assertSame(id, retry.getMessageId(tp, 7));
        assertTrue(retry.remove(id));
        assertFalse(retry.isScheduled(id));
    }

    @Test
    void givesUpAfterMaxRetries() {
        assertTrue(retry.schedule(failed(1, 3)));
        assertFalse(retry.schedule(failed(1, 4)), "a fourth failure means three retries were spent");
        assertFalse(retry.isScheduled(new KafkaSpoutMessageId(tp, 1)));
    }

    @Test
    void earliestReadyOffsetPerPartitionAndRetainAll() {
        TopicPartition other = new TopicPartition("t", 1);
        retry.schedule(failed(9, 1));
        retry.schedule(failed(4, 1));
        KafkaSpoutMessageId o = new KafkaSpoutMessageId(other, 2);
        o.incrementNumFails();
        retry.schedule(o);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(Map.of(tp, 4L, other, 2L), retry.earliestRetriableOffsets());
        assertEquals(Set.of(other), retry.retainAll(List.of(other)));
        assertEquals(Map.of(other, 2L), retry.earliestRetriableOffsets());
    }

    @Test
    void refusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> TimeInterval.seconds(-1));
        assertThrows(IllegalArgumentException.class, () -> new KafkaSpoutRetryExponentialBackoff(
                TimeInterval.seconds(0), TimeInterval.seconds(0), -1, TimeInterval.seconds(0)));
    }
}
