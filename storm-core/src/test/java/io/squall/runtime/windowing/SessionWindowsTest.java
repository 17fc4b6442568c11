package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionWindowsTest {
    record Fired(List<Long> events, Long start, long end) {
    }

    static final class Recorder implements WindowEngine.Listener<Long> {
        final List<Fired> fired = new ArrayList<>();
        final List<Long> expired = new ArrayList<>();

        @Override
        public void onWindow(List<Long> events, List<Long> newEvents, List<Long> expiredEvents, Long startTs, long endTs) {
            fired.add(new Fired(events, startTs, endTs));
        }

        @Override
        public void onExpired(Long event) {
            expired.add(event);
        }
    }

    @Test
    void aKeysSessionLastsWhileEventsComeWithinTheGapAndFiresAtItsEnd() {
        Recorder r = new Recorder();
        SessionWindows<Long> s = new SessionWindows<>(100, r);
        assertTrue(s.add("a", 1000L, 1000));
        assertTrue(s.add("a", 1090L, 1090));
        assertTrue(s.add("b", 1050L, 1050));
        assertTrue(s.add("a", 1300L, 1300), "210 ms after the last: a new session");
        s.advanceWatermark(1149);
        assertEquals(List.of(), r.fired);
        s.advanceWatermark(1190);
        assertEquals(List.of(new Fired(List.of(1050L), 1050L, 1150), new Fired(List.of(1000L, 1090L), 1000L, 1190)),
                r.fired, "closing sessions fire in order of their end");
        assertEquals(List.of(1050L, 1000L, 1090L), r.expired);
        assertEquals(1, s.size());
        assertFalse(s.add("a", 1100L, 1100), "behind the watermark and in no open session: late");
        assertTrue(s.add("a", 1250L, 1250), "behind the watermark but in the open session around 1300");
        s.advanceWatermark(Long.MAX_VALUE);
        assertEquals(new Fired(List.of(1250L, 1300L), 1250L, 1400), r.fired.get(2));
    }

    @Test
    void anEventBetweenTwoSessionsMergesThem() {
        Recorder r = new Recorder();
        SessionWindows<Long> s = new SessionWindows<>(100, r);
        s.add("k", 1000L, 1000);
        s.add("k", 1150L, 1150);
        s.add("k", 1080L, 1080);
        s.advanceWatermark(Long.MAX_VALUE);
        assertEquals(List.of(new Fired(List.of(1000L, 1080L, 1150L), 1000L, 1250)), r.fired);
    }

    @Test
    void theGapMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new SessionWindows<Long>(0, new Recorder()));
    }
}
