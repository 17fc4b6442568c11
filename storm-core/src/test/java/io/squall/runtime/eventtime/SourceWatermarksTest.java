package io.squall.runtime.eventtime;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceWatermarksTest {
    private static final Fields FIELDS = new Fields("ts");

    /** A spout's partitions as a test sets them. */
    static final class FakePartitions implements SourceWatermarks.Partitions {
        final List<Object> read = new ArrayList<>();
        final Set<Object> backlogged = new HashSet<>();
        Object current;

        @Override
        public Object current() {
            return current;
        }

        @Override
        public Collection<?> all() {
            return read;
        }

        @Override
        public boolean hasBacklog(Object partition) {
            return backlogged.contains(partition);
        }
    }

    private final List<Watermark> sent = new ArrayList<>();
    private final FakePartitions partitions = new FakePartitions();

    private SourceWatermarks source(long idleTimeoutMs, SourceWatermarks.Partitions p) {
        SourceWatermarks.Settings s = new SourceWatermarks.Settings((stream, fields, values) -> (Long) values.get(0),
                100, 10, idleTimeoutMs, p);
        return new SourceWatermarks(1, new int[] {5}, s, (task, w) -> sent.add(w), 0);
    }

    private void emit(SourceWatermarks w, Object partition, long ts, long nowMs) {
        partitions.current = partition;
        w.onEmit("default", FIELDS, new Values(ts), nowMs);
    }

    private long lastSent() {
        return sent.isEmpty() ? Watermark.NONE : sent.get(sent.size() - 1).time();
    }

    @Test
    void withoutPartitionsTheWatermarkFollowsTheNewestEmit() {
        SourceWatermarks w = source(0, null);
        emit(w, null, 5000, 1);
        emit(w, null, 1000, 2);
        w.onTime(10, false);
        assertEquals(5000 - 100 - 1, lastSent());
    }

    @Test
    void theWatermarkIsTheMinimumOverThePartitions() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks w = source(0, partitions);
        emit(w, "p0", 50_000, 1);
        w.onTime(10, false);
        assertTrue(sent.isEmpty(), "p1 has emitted nothing yet: it holds the watermark back");
        emit(w, "p1", 2_000, 11);
        emit(w, "p0", 60_000, 12);
        w.onTime(20, false);
        assertEquals(2_000 - 101, lastSent(), "the slow partition sets the watermark");
        emit(w, "p1", 3_000, 21);
        w.onTime(30, false);
        assertEquals(3_000 - 101, lastSent());
        emit(w, "p1", 70_000, 31);
        w.onTime(40, false);
        assertEquals(60_000 - 101, lastSent(), "p1 overtook p0");
    }

    @Test
    void anIdlePartitionStopsHoldingTheWatermarkBackAndRejoinsWithoutGoingBack() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks w = source(1_000, partitions);
        emit(w, "p0", 10_000, 0);
        emit(w, "p1", 1_000, 0);
        w.onTime(10, false);
        assertEquals(1_000 - 101, lastSent());
        emit(w, "p0", 20_000, 900);
        w.onTime(990, false);
        assertEquals(1_000 - 101, lastSent(), "p1 is not idle yet");
        w.onTime(1_000, false);
        assertEquals(20_000 - 101, lastSent(), "p1 has been silent for the idle timeout");
        emit(w, "p1", 5_000, 1_100);
        emit(w, "p0", 30_000, 1_100);
        w.onTime(1_110, false);
        assertEquals(20_000 - 101, lastSent(), "p1 is back at 5 s: the watermark stays until it catches up");
        emit(w, "p1", 40_000, 1_200);
        w.onTime(1_210, false);
        assertEquals(30_000 - 101, lastSent());
    }

    @Test
    void aNewlyAssignedPartitionHoldsTheWatermarkUntilItEmitsOrGoesIdleAndARemovedOneStopsCounting() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks w = source(1_000, partitions);
        emit(w, "p0", 10_000, 0);
        emit(w, "p1", 2_000, 0);
        w.onTime(10, false);
        assertEquals(2_000 - 101, lastSent());
        partitions.read.remove("p1");
        partitions.read.add("p2");
        emit(w, "p0", 12_000, 20);
        w.onTime(20, false);
        assertEquals(2_000 - 101, lastSent(), "p2 was just assigned and has emitted nothing");
        emit(w, "p0", 14_000, 500);
        w.onTime(1_020, false);
        assertEquals(14_000 - 101, lastSent(), "p2 went idle; p1 no longer counts");
        partitions.read.add("p1");
        emit(w, "p0", 16_000, 1_030);
        emit(w, "p2", 15_000, 1_030);
        w.onTime(1_040, false);
        assertEquals(14_000 - 101, lastSent(), "p1, assigned again, starts afresh and holds the watermark back");
        emit(w, "p1", 17_000, 1_050);
        w.onTime(1_060, false);
        assertEquals(15_000 - 101, lastSent());
    }

    @Test
    void whenEveryPartitionIsIdleTheTaskSaysItIsIdle() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks w = source(1_000, partitions);
        emit(w, "p0", 10_000, 0);
        emit(w, "p1", 11_000, 0);
        w.onTime(10, false);
        assertEquals(10_000 - 101, lastSent());
        w.onTime(1_000, false);
        assertEquals(11_000 - 101, lastSent(), "all idle: none holds the watermark back");
        w.onTime(1_010, false);
        assertTrue(sent.get(sent.size() - 1).idle());
    }

    @Test
    void aPartitionThatNeverEmitsGoesIdleOneIdleTimeoutAfterItWasFirstRead() {
        partitions.read.addAll(List.of("p0", "p1", "p2"));
        SourceWatermarks w = source(1_000, partitions);
        emit(w, "p0", 10_000, 0);
        w.onTime(10, false);
        emit(w, "p1", 8_000, 500);
        emit(w, "p0", 12_000, 900);
        w.onTime(510, false);
        assertTrue(sent.isEmpty(), "p2 has emitted nothing and is not idle yet");
        w.onTime(1_010, false);
        assertEquals(8_000 - 101, lastSent(), "p2, read since 10 ms, is idle");
    }

    @Test
    void aPunctuatedSourceSendsThePartitionMinimumAfterEachEmit() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks.Settings s = new SourceWatermarks.Settings((stream, fields, values) -> (Long) values.get(0),
                0, 0, 0, partitions);
        SourceWatermarks w = new SourceWatermarks(1, new int[] {5, 6}, s, (task, wm) -> sent.add(wm), 0);
        emit(w, "p0", 100, 0);
        w.afterEmit();
        assertTrue(sent.isEmpty());
        emit(w, "p1", 50, 0);
        w.afterEmit();
        assertEquals(List.of(Watermark.of(1, 49), Watermark.of(1, 49)), sent, "one per downstream task");
    }

    @Test
    void aPartitionWithABacklogIsNotIdleHoweverLongAgoItEmitted() {
        partitions.read.addAll(List.of("p0", "p1"));
        SourceWatermarks w = source(1_000, partitions);
        emit(w, "p0", 10_000, 0);
        emit(w, "p1", 1_000, 0);
        partitions.backlogged.add("p1");
        emit(w, "p0", 20_000, 1_500);
        w.onTime(2_000, false);
        assertEquals(1_000 - 101, lastSent(), "p1 has tuples waiting: it still holds the watermark back");
        partitions.backlogged.add("p0");
        w.onTime(5_000, false);
        assertEquals(Watermark.of(1, 1_000 - 101), sent.get(sent.size() - 1), "nor is the task idle");
        partitions.backlogged.clear();
        w.onTime(5_010, false);
        assertEquals(20_000 - 101, lastSent(), "no backlog and silent: nothing holds the watermark back");
        w.onTime(5_020, false);
        assertTrue(sent.get(sent.size() - 1).idle(), "and the task is idle");
    }
}
