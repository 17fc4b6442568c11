package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window engine on a simulated clock: which events each window holds, and when it fires. */
class WindowEngineTest {
    /** One fired window, with events shown by their values. */
    record Fired(List<Long> all, List<Long> added, List<Long> expired, Long start, long end) {
    }

    /** Records what the engine reports. */
    static final class Recorder implements WindowEngine.Listener<Long> {
        final List<Fired> windows = new ArrayList<>();
        final List<Long> expired = new ArrayList<>();

        @Override
        public void onWindow(List<Long> events, List<Long> newEvents, List<Long> expiredEvents, Long startTs, long endTs) {
            windows.add(new Fired(events, newEvents, expiredEvents, startTs, endTs));
        }

        @Override
        public void onExpired(Long event) {
            expired.add(event);
        }

        Fired last() {
            return windows.get(windows.size() - 1);
        }
    }

    private static WindowSpec count(int length, int slide) {
        return new WindowSpec(length, 0, slide, 0, false, 0, 1000, null);
    }

    private static WindowSpec duration(long length, long slide) {
        return new WindowSpec(0, length, 0, slide, false, 0, 1000, null);
    }

    private static WindowSpec eventTime(long length, long slide, long lag, long watermarkInterval) {
        return new WindowSpec(0, length, 0, slide, true, lag, watermarkInterval, null);
    }

    private static List<Long> longs(long... v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }

    @Test
    void slidingCountWindowHoldsTheLastNAndFiresEverySlide() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(count(5, 2), 0, r);
        for (long i = 1; i <= 10; i++) {
            e.add(i, i);
        }
        assertEquals(5, r.windows.size());
        assertEquals(new Fired(longs(1, 2), longs(1, 2), longs(), 1L, 2), r.windows.get(0));
        assertEquals(new Fired(longs(1, 2, 3, 4), longs(3, 4), longs(), 1L, 4), r.windows.get(1));
        assertEquals(new Fired(longs(2, 3, 4, 5, 6), longs(5, 6), longs(1), 2L, 6), r.windows.get(2));
        assertEquals(new Fired(longs(4, 5, 6, 7, 8), longs(7, 8), longs(2, 3), 4L, 8), r.windows.get(3));
        assertEquals(new Fired(longs(6, 7, 8, 9, 10), longs(9, 10), longs(4, 5), 6L, 10), r.windows.get(4));
        // Acked as soon as no later window can hold them: the next window keeps only the last 3.
        assertEquals(longs(1, 2, 3, 4, 5, 6, 7), r.expired);
        assertEquals(3, e.size());
    }

    @Test
    void tumblingCountWindowReleasesEachWindowWhenItFires() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(count(3, 3), 0, r);
        for (long i = 1; i <= 7; i++) {
            e.add(i, 100 + i);
        }
        assertEquals(List.of(new Fired(longs(1, 2, 3), longs(1, 2, 3), longs(), 101L, 103),
                new Fired(longs(4, 5, 6), longs(4, 5, 6), longs(1, 2, 3), 104L, 106)), r.windows);
        assertEquals(longs(1, 2, 3, 4, 5, 6), r.expired);
        assertEquals(1, e.size());
    }

    @Test
    void slidingDurationWindowFiresEverySlideOverTheLastLength() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(duration(10_000, 5_000), 0, r);
        e.add(1000L, 1000);
        e.add(3000L, 3000);
        e.advance(4_999);
        assertTrue(r.windows.isEmpty(), "nothing fires before the first slide");
        assertEquals(5_000, e.nextDeadline());
        e.advance(5_000);
        assertEquals(new Fired(longs(1000, 3000), longs(1000, 3000), longs(), -5000L, 5000), r.last());
        e.add(6000L, 6000);
        e.advance(10_000);
        assertEquals(new Fired(longs(1000, 3000, 6000), longs(6000), longs(), 0L, 10_000), r.last());
        assertEquals(longs(1000, 3000), r.expired, "events the next window cannot hold are acked at once");
        e.add(12_000L, 12_000);
        e.add(14_000L, 14_000);
        e.advance(15_000);
        assertEquals(new Fired(longs(6000, 12_000, 14_000), longs(12_000, 14_000), longs(1000, 3000), 5000L, 15_000),
                r.last());
        e.advance(20_000);
        assertEquals(new Fired(longs(12_000, 14_000), longs(), longs(6000), 10_000L, 20_000), r.last());
        int fired = r.windows.size();
        e.advance(25_000);
        assertEquals(fired, r.windows.size(), "an empty window does not fire");
        assertEquals(0, e.size());
    }

    @Test
    void tumblingDurationWindowIncludesItsEndAndCatchesUpAfterAStall() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(duration(1000, 1000), 0, r);
        e.add(100L, 100);
        e.add(999L, 999);
        e.add(1000L, 1000);
        e.add(1500L, 1500);
        e.advance(1000);
        assertEquals(new Fired(longs(100, 999, 1000), longs(100, 999, 1000), longs(), 0L, 1000), r.last());
        e.add(2500L, 2500);
        e.advance(3100); // Two slides late: both windows fire, each with its own events.
        assertEquals(3, r.windows.size());
        assertEquals(new Fired(longs(1500), longs(1500), longs(100, 999, 1000), 1000L, 2000), r.windows.get(1));
        assertEquals(new Fired(longs(2500), longs(2500), longs(1500), 2000L, 3000), r.windows.get(2));
    }

    @Test
    void countWindowSlidingByDurationHoldsTheLastN() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(new WindowSpec(3, 0, 0, 1000, false, 0, 1000, null), 0, r);
        for (long t : new long[]{100, 200, 300, 400}) {
            e.add(t, t);
        }
        e.advance(1000);
        assertEquals(new Fired(longs(200, 300, 400), longs(200, 300, 400), longs(100), 200L, 1000), r.last());
        e.add(1100L, 1100);
        e.advance(2000);
        assertEquals(new Fired(longs(300, 400, 1100), longs(1100), longs(200), 300L, 2000), r.last());
    }

    @Test
    void durationWindowSlidingByCountFiresOnEverySlideEvents() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(new WindowSpec(0, 1000, 2, 0, false, 0, 1000, null), 0, r);
        for (long t : new long[]{0, 500, 1200, 1700}) {
            e.add(t, t);
        }
        assertEquals(List.of(new Fired(longs(0, 500), longs(0, 500), longs(), -500L, 500),
                new Fired(longs(1200, 1700), longs(1200, 1700), longs(0, 500), 700L, 1700)), r.windows);
    }

    @Test
    void eventTimeWindowsAreAlignedAndFireWhenTheWatermarkPassesTheirEnd() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(1000, 1000, 0, 100), 0, r);
        for (long ts : new long[]{100, 500, 999, 1000, 1001}) {
            assertTrue(e.add(ts, ts, 1));
        }
        e.advance(50);
        assertTrue(r.windows.isEmpty(), "the watermark advances only every interval");
        e.advance(100);
        assertEquals(1000, e.watermark(), "newest 1001, lag 0: everything up to 1000 has arrived");
        assertEquals(List.of(new Fired(longs(100, 500, 999, 1000), longs(100, 500, 999, 1000), longs(), 0L, 1000)),
                r.windows);
        assertTrue(e.add(5500L, 5500, 1));
        e.advance(200);
        // Windows (1000,2000] .. (4000,5000]: only the first holds an event; the empty ones do not fire.
        assertEquals(new Fired(longs(1001), longs(1001), longs(100, 500, 999, 1000), 1000L, 2000), r.last());
        assertEquals(2, r.windows.size());
        assertFalse(e.add(4000L, 4000, 1), "at or before the watermark: late");
        assertEquals(1, e.size(), "only 5500 is held");
    }

    @Test
    void outOfOrderWithinTheLagGivesExactlyTheWindowsOfTheSortedStream() {
        SplittableRandom random = new SplittableRandom(42);
        long lag = 300;
        List<long[]> sorted = new ArrayList<>(); // {ts, arrival key}
        long ts = 0;
        for (int i = 0; i < 5000; i++) {
            ts += random.nextInt(0, 40);
            sorted.add(new long[]{ts, ts + random.nextLong(0, lag + 1)});
        }
        List<long[]> shuffled = new ArrayList<>(sorted);
        shuffled.sort(Comparator.comparingLong(a -> a[1]));
        for (WindowSpec spec : List.of(eventTime(1000, 1000, lag, 10), eventTime(1000, 250, lag, 10),
                new WindowSpec(100, 0, 30, 0, true, lag, 10, null))) {
            List<Fired> expected = run(spec, sorted);
            List<Fired> actual = run(spec, shuffled);
            assertTrue(expected.size() > 20, spec + " fired " + expected.size());
            assertEquals(expected.size(), actual.size(), spec.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), spec + ", window " + i);
            }
        }
    }

    /** Feeds events in list order, advancing the clock by 10 ms every 50 events; values are timestamps. */
    private static List<Fired> run(WindowSpec spec, List<long[]> events) {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(spec, 0, r);
        long now = 0;
        for (int i = 0; i < events.size(); i++) {
            assertTrue(e.add(events.get(i)[0], events.get(i)[0], 7), "within the lag, never late");
            if (i % 50 == 49) {
                now += 10;
                e.advance(now);
            }
        }
        e.advance(now + 10);
        List<Fired> out = new ArrayList<>();
        for (Fired f : r.windows) {
            // Events with equal timestamps may arrive in either order; compare them sorted.
            out.add(new Fired(f.all().stream().sorted().toList(), f.added().stream().sorted().toList(),
                    f.expired().stream().sorted().toList(), f.start(), f.end()));
        }
        return out;
    }

    @Test
    void tuplesBeyondTheLagAreLate() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(1000, 1000, 500, 10), 0, r);
        assertTrue(e.add(3000L, 3000, 1));
        assertTrue(e.add(2500L, 2500, 1), "exactly the lag out of order is allowed");
        assertFalse(e.add(2499L, 2499, 1), "one millisecond beyond the lag is late");
        assertEquals(2499, e.watermark());
    }

    @Test
    void aSlowUpstreamTaskHoldsTheWatermarkBack() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(1000, 1000, 0, 10), 0, r);
        assertTrue(e.add(500L, 500, 1));
        assertTrue(e.add(800L, 800, 2));
        for (long ts = 1000; ts <= 10_000; ts += 100) {
            assertTrue(e.add(ts, ts, 1)); // task 1 races ahead
        }
        e.advance(10);
        assertEquals(799, e.watermark(), "task 2 has only reached 800");
        assertTrue(r.windows.isEmpty());
        assertTrue(e.add(1500L, 1500, 2), "task 2's next tuple is not late although task 1 is far ahead");
        e.advance(20);
        assertEquals(1499, e.watermark());
        assertEquals(1, r.windows.size());
        assertEquals(longs(500, 800, 1000), r.last().all());
        assertTrue(e.add(20_000L, 20_000, 2));
        e.advance(30);
        assertEquals(10_000 - 1, e.watermark(), "now task 1 is the slower one");
        assertEquals(9, r.windows.size(), "windows ending up to 9000 fired; (9000, 10000] waits for 10000");
    }

    @Test
    void eventTimeCountWindowsCountInTimestampOrder() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(new WindowSpec(3, 0, 3, 0, true, 100, 10, null), 0, r);
        for (long ts : new long[]{10, 30, 20, 50, 40, 60, 500}) {
            assertTrue(e.add(ts, ts, 1));
        }
        e.advance(10);
        assertEquals(List.of(new Fired(longs(10, 20, 30), longs(10, 20, 30), longs(), 10L, 30),
                new Fired(longs(40, 50, 60), longs(40, 50, 60), longs(10, 20, 30), 40L, 60)), r.windows);
    }

    @Test
    void eventTimeDurationWindowSlidingByCountEndsAtEverySlideThEvent() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(new WindowSpec(0, 100, 2, 0, true, 50, 10, null), 0, r);
        for (long ts : new long[]{10, 40, 30, 120, 150, 400}) {
            assertTrue(e.add(ts, ts, 1));
        }
        e.advance(10); // watermark 400 - 50 - 1 = 349 releases 10, 30, 40, 120, 150
        assertEquals(List.of(new Fired(longs(10, 30), longs(10, 30), longs(), -70L, 30),
                new Fired(longs(30, 40, 120), longs(40, 120), longs(10), 20L, 120)), r.windows);
        assertEquals(5, e.size(), "30, 40, 120 may be in the next window; 150 waits for the slide, 400 for the watermark");
    }

    @Test
    void windowsLargerThanAChunkOfTheBufferHoldExactlyTheirEvents() {
        Recorder r = new Recorder();
        int length = 3 * HeldEvents.CHUNK + 100;
        int slide = HeldEvents.CHUNK - 1;
        WindowEngine<Long> e = new WindowEngine<>(count(length, slide), 0, r);
        long n = 10L * HeldEvents.CHUNK;
        for (long i = 0; i < n; i++) {
            e.add(i, i);
        }
        for (Fired f : r.windows) {
            long last = f.all().get(f.all().size() - 1);
            assertEquals(Math.min(length, last + 1), f.all().size());
            for (int k = 0; k < f.all().size(); k++) {
                assertEquals(last - f.all().size() + 1 + k, f.all().get(k));
            }
            assertEquals(slide, f.added().size());
            assertEquals(last - slide + 1, f.added().get(0));
        }
        assertEquals(n / slide, r.windows.size());

        Recorder t = new Recorder();
        WindowEngine<Long> tumbling = new WindowEngine<>(duration(1000, 1000), 0, t);
        long perMs = 20;
        for (long ms = 1; ms <= 3000; ms++) {
            tumbling.advance(ms);
            for (long k = 0; k < perMs; k++) {
                tumbling.add(ms * perMs + k, ms);
            }
        }
        tumbling.advance(3000);
        assertEquals(3, t.windows.size());
        for (int w = 0; w < 3; w++) {
            Fired f = t.windows.get(w);
            assertEquals(w == 0 ? 999 * perMs : 1000 * perMs, f.all().size(), "window " + w);
            assertTrue(f.added() == f.all(), "every event of a tumbling window is new: one list");
            assertEquals(w == 0 ? 0 : t.windows.get(w - 1).all().size(), f.expired().size());
            if (w > 0) {
                assertEquals(t.windows.get(w - 1).all(), f.expired(), "the previous window's events");
            }
        }
        assertEquals(perMs, tumbling.size(), "only the events after the last window are held");
    }

    @Test
    void aTumblingWindowReportsThePreviousWindowAsExpiredWithoutCopyingIt() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(duration(1000, 1000), 0, r);
        int n = 2 * HeldEvents.CHUNK + 7;
        for (long i = 0; i < n; i++) {
            e.add(i, 1 + i * 999 / n);
        }
        e.advance(1000);
        Fired first = r.last();
        assertEquals(n, first.all().size());
        assertEquals(n - 1, first.all().get(n - 1));
        for (long i = 0; i < n; i++) {
            e.add(-i, 1001 + i * 999 / n);
        }
        e.advance(2000);
        Fired second = r.last();
        assertTrue(first.all() == second.expired(), "the previous window itself, not a copy made at the next fire");
        assertEquals(n, second.all().size());
        assertEquals(-(n - 1L), second.all().get(n - 1));
        assertThrows(UnsupportedOperationException.class, () -> second.expired().add(0L));
        assertThrows(UnsupportedOperationException.class, () -> second.all().set(0, 0L));
        assertEquals(2 * n, r.expired.size());
    }

    @Test
    void anEventInTheMillisecondOfAFiredWindowGoesIntoTheNextWindow() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(duration(1000, 1000), 0, r);
        e.add(1L, 500);
        e.advance(1000);
        e.add(2L, 1000); // Arrives in the millisecond the window (0, 1000] fired: too late for it.
        assertEquals(longs(1), r.expired, "the second event waits for its window");
        e.advance(2000);
        assertEquals(List.of(longs(1), longs(2)), r.windows.stream().map(Fired::all).toList());
        assertEquals(longs(1, 2), r.expired);
    }

    @Test
    void heldEventsAreBoundedByTheWindow() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(count(1000, 100), 0, r);
        for (long i = 0; i < 200_000; i++) {
            e.add(i, i);
            assertTrue(e.size() <= 1000);
        }
        assertEquals(2000, r.windows.size(), "a window every 100 events, the first ones not yet full");
        assertEquals(200_000 - 900, r.expired.size(), "all but the last 900 acked");
    }

    @Test
    void externalWatermarksFireAtOnceAndALateEventWhoseWindowIsOpenIsNotLate() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(1000, 1000, 0, 10), 0, r);
        e.useExternalWatermarks();
        assertTrue(e.add(1500L, 1500, 1));
        assertTrue(e.add(2200L, 2200, 1));
        assertTrue(e.advanceWatermark(2100));
        assertEquals(1, r.windows.size(), "(1000, 2000] fired when the watermark passed it");
        assertEquals(longs(1500), r.last().all());
        assertTrue(e.add(2050L, 2050, 1), "behind the watermark, in the open window (2000, 3000]");
        assertFalse(e.add(1999L, 1999, 1), "its window fired");
        e.advanceWatermark(Long.MAX_VALUE);
        assertEquals(longs(2050, 2200), r.last().all(), "the final watermark fires the rest");
        assertEquals(2, r.windows.size());
    }

    @Test
    void anEventBehindTheWatermarkIntoAnEmptyEngineFiresOnlyTheWindowsStillOpen() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(2000, 1000, 0, 10), 0, r);
        e.useExternalWatermarks();
        assertTrue(e.add(500L, 500, 1));
        e.advanceWatermark(2500);
        assertEquals(List.of(1000L, 2000L), r.windows.stream().map(Fired::end).toList());
        assertEquals(longs(500), r.expired, "nothing held any more");
        assertTrue(e.add(1500L, 1500, 1), "behind the watermark, in the open window (1000, 3000]");
        e.advanceWatermark(3500);
        assertEquals(List.of(1000L, 2000L, 3000L), r.windows.stream().map(Fired::end).toList(),
                "(0, 2000] ended before 1500 came: it does not fire again with it");
        assertEquals(longs(1500), r.last().all());
    }

    @Test
    void aWindowFiresAgainForAnEventWithinTheAllowedLateness() {
        Recorder r = new Recorder();
        WindowEngine<Long> e = new WindowEngine<>(eventTime(1000, 1000, 0, 10), 0, r);
        e.useExternalWatermarks();
        e.allowLateness(2000);
        e.add(1100L, 1100, 1);
        e.add(2100L, 2100, 1);
        e.add(3100L, 3100, 1);
        e.advanceWatermark(3500);
        assertEquals(List.of(2000L, 3000L), r.windows.stream().map(Fired::end).toList());
        assertTrue(e.add(1900L, 1900, 1), "(1000, 2000] ended 1500 ms before the watermark: within 2000");
        assertEquals(3, r.windows.size());
        assertEquals(longs(1100, 1900), r.last().all());
        assertEquals(longs(1900), r.last().added(), "the update's new tuple");
        assertEquals(2000L, r.last().end());
        assertTrue(r.expired.isEmpty(), "held for the lateness");
        e.advanceWatermark(4100);
        assertFalse(e.add(1950L, 1950, 1), "now 2100 ms after the window's end: late");
        assertTrue(e.add(2950L, 2950, 1));
        assertEquals(longs(2100, 2950), r.last().all());
        e.advanceWatermark(Long.MAX_VALUE);
        assertEquals(longs(1100, 1900, 2100, 2950, 3100), r.expired.stream().sorted().toList());
    }

    @Test
    void allowedLatenessNeedsWindowsByEventTimeAndDuration() {
        WindowEngine<Long> e = new WindowEngine<>(count(3, 1), 0, new Recorder());
        assertThrows(IllegalArgumentException.class, () -> e.allowLateness(1000));
    }
}
