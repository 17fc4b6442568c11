package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An engine restored from what a checkpoint keeps (held events with their seen flags, the events expired since the
 * last window, the progress) fires the same windows as the engine it was taken from, new and expired lists too.
 */
class WindowEngineRestoreTest {
    /** Records windows, and keeps what a checkpoint of the engine would: held events, seen, expired. */
    private static final class Recorder implements WindowEngine.Listener<Integer> {
        final List<String> windows = new ArrayList<>();
        final Map<Integer, Long> held = new LinkedHashMap<>();
        final Set<Integer> seen = new LinkedHashSet<>();
        final List<Integer> expired = new ArrayList<>();

        @Override
        public void onWindow(List<Integer> events, List<Integer> newEvents, List<Integer> gone, Long startTs,
                             long endTs) {
            windows.add(startTs + ".." + endTs + " all " + events + " new " + newEvents + " expired " + gone);
            seen.addAll(newEvents);
            expired.removeAll(gone);
        }

        @Override
        public void onExpired(Integer event) {
            held.remove(event);
            seen.remove(event);
            expired.add(event);
        }

        List<WindowEngine.HeldEvent<Integer>> snapshot() {
            List<WindowEngine.HeldEvent<Integer>> out = new ArrayList<>();
            held.forEach((e, ts) -> out.add(new WindowEngine.HeldEvent<>(e, ts, seen.contains(e))));
            return out;
        }
    }

    private static void feed(WindowEngine<Integer> engine, Recorder r, int from, int to) {
        for (int i = from; i < to; i++) {
            long ts = i * 250L + (i % 3 == 0 ? -400 : 0); // Some out of order.
            r.held.put(i, ts);
            engine.add(i, ts, 1);
            if (i % 2 == 1) {
                engine.advanceWatermark(i * 250L - 500);
            }
        }
    }

    private static void roundTrip(WindowSpec spec) {
        Recorder a = new Recorder();
        WindowEngine<Integer> original = new WindowEngine<>(spec, 0, a);
        original.useExternalWatermarks();
        feed(original, a, 0, 37);
        Recorder b = new Recorder();
        WindowEngine<Integer> restored = new WindowEngine<>(spec, 0, b);
        restored.useExternalWatermarks();
        restored.restore(a.snapshot(), List.copyOf(a.expired), original.progress());
        b.held.putAll(a.held);
        b.seen.addAll(a.seen);
        b.expired.addAll(a.expired);
        int before = a.windows.size();
        feed(original, a, 37, 80);
        feed(restored, b, 37, 80);
        original.advanceWatermark(Long.MAX_VALUE);
        restored.advanceWatermark(Long.MAX_VALUE);
        assertFalse(b.windows.isEmpty());
        assertEquals(a.windows.subList(before, a.windows.size()), b.windows);
    }

    @Test
    void slidingWindowsByDurationResumeExactly() {
        roundTrip(new WindowSpec(0, 3000, 0, 1000, true, 0, 1000, null));
    }

    @Test
    void tumblingWindowsByDurationResumeExactly() {
        roundTrip(new WindowSpec(0, 2000, 0, 2000, true, 0, 1000, null));
    }

    @Test
    void slidingWindowsByCountResumeExactly() {
        roundTrip(new WindowSpec(5, 0, 2, 0, true, 0, 1000, null));
    }
}
