package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The chunked event buffer against a list of records, across chunk boundaries. */
class HeldEventsTest {
    /** What the buffer should hold at an index. */
    private record Held(Long value, long ts, boolean seen) {
    }

    @Test
    void matchesAListUnderRandomAppendsInsertsFlagsAndDrops() {
        SplittableRandom random = new SplittableRandom(7);
        HeldEvents<Long> events = new HeldEvents<>();
        List<Held> model = new ArrayList<>();
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(100);
            if (op < 70 || model.isEmpty()) {
                events.add(next, next);
                model.add(new Held(next, next, false));
                next++;
            } else if (op < 80) {
                int at = random.nextInt(model.size() + 1);
                events.insert(at, -next, next);
                model.add(at, new Held(-next, next, false));
                next++;
            } else if (op < 95) {
                int i = random.nextInt(model.size());
                boolean flag = random.nextBoolean();
                events.setSeen(i, flag);
                Held h = model.get(i);
                model.set(i, new Held(h.value(), h.ts(), flag));
            } else {
                int n = random.nextInt(Math.min(model.size(), 3 * HeldEvents.CHUNK) + 1);
                events.dropFirst(n);
                model.subList(0, n).clear();
            }
            if (step % 997 == 0) {
                assertSame(model, events);
            }
        }
        assertSame(model, events);
        events.clear();
        assertEquals(0, events.size());
        events.add(1L, 1);
        assertEquals(1L, events.value(0));
        assertEquals(false, events.seen(0));
    }

    @Test
    void appendsValuesAcrossChunksAndFindsUpperBounds() {
        HeldEvents<Long> events = new HeldEvents<>();
        int n = 3 * HeldEvents.CHUNK + 17;
        for (long i = 0; i < n; i++) {
            events.add(i, i / 10); // Ten events per timestamp.
        }
        events.dropFirst(HeldEvents.CHUNK + 5); // Index 0 is now event CHUNK + 5, mid-chunk.
        int size = events.size();
        ChunkedList<Long> copy = new ChunkedList<>(3);
        copy.append(-1L);
        events.appendValues(0, size, copy);
        assertEquals(size + 1, copy.size());
        assertEquals(-1L, copy.get(0));
        for (int i = 0; i < size; i++) {
            assertEquals((long) HeldEvents.CHUNK + 5 + i, copy.get(i + 1));
        }
        long ts = 500;
        int bound = events.upperBound(0, ts);
        assertEquals(ts, events.ts(bound - 1));
        assertEquals(ts + 1, events.ts(bound));
        assertEquals(0, events.upperBound(0, -1));
        assertEquals(size, events.upperBound(0, Long.MAX_VALUE));
        events.clearValue(3);
        assertNull(events.value(3));
        assertEquals(events.ts(2), events.ts(3)); // The timestamp stays for the search.
    }

    private static void assertSame(List<Held> model, HeldEvents<Long> events) {
        assertEquals(model.size(), events.size());
        for (int i = 0; i < model.size(); i++) {
            Held h = model.get(i);
            assertEquals(h.value(), events.value(i), "value at " + i);
            assertEquals(h.ts(), events.ts(i), "time at " + i);
            assertEquals(h.seen(), events.seen(i), "seen flag at " + i);
        }
    }
}
