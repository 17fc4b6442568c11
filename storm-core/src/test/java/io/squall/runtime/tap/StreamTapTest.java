package io.squall.runtime.tap;

import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamTapTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void samplesAtMostMaxPerSecondSpreadOverTheSecond() {
        StreamTap tap = new StreamTap(clock, 10);
        for (int ms = 0; ms < 1000; ms++) {
            tap.offer(3, List.of(ms));
            tap.offer(4, List.of(ms));
            clock.advanceMillis(1);
        }
        List<StreamTap.Sample> got = tap.drain();
        assertEquals(10, got.size());
        assertEquals(2000, tap.seen());
        assertEquals(10, tap.sampled());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(List.of(i * 100), got.get(i).values(), "one sample every 100 ms");
            assertEquals(3, got.get(i).task());
        }
        assertEquals(List.of(), tap.drain(), "drained");
    }

    @Test
    void dropsAndCountsSamplesWhenNobodyDrains() {
        StreamTap tap = new StreamTap(clock, 1000);
        int offered = StreamTap.CAPACITY + 44;
        for (int i = 0; i < offered; i++) {
            tap.offer(1, List.of(i));
            clock.advanceMillis(1);
        }
        assertEquals(44, tap.dropped());
        List<StreamTap.Sample> got = tap.drain();
        assertEquals(StreamTap.CAPACITY, got.size());
        assertEquals(List.of(0), got.get(0).values(), "the oldest samples are kept, the newest dropped");
        tap.offer(1, List.of("after"));
        assertEquals(List.of("after"), tap.drain().get(0).values(), "room again after a drain");
    }

    @Test
    void pointsAreNullUntilOpenedAndAfterClosing() {
        StreamTaps taps = new StreamTaps(clock, Map.of("split", Set.of("default", "errors")));
        TapPoint point = taps.point("split", "default");
        assertNull(point.tap(), "nothing to offer to while no tap is open");
        StreamTap tap = taps.open(new TapKey("split", "default"), 5);
        assertSame(tap, point.tap());
        assertSame(tap, taps.open(new TapKey("split", "default"), 5), "the same rate keeps the tap");
        StreamTap faster = taps.open(new TapKey("split", "default"), 50);
        assertSame(faster, point.tap(), "another rate replaces it");
        assertNull(taps.point("split", "errors").tap());
        taps.close(new TapKey("split", "default"));
        assertNull(point.tap());
        assertEquals(Map.of(), taps.open());

        taps.retain(Map.of(new TapKey("split", "errors"), 3));
        assertEquals(3, taps.point("split", "errors").tap().maxPerSec());
        taps.retain(Map.of());
        assertNull(taps.point("split", "errors").tap(), "retain closes what is no longer wanted");
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        StreamTaps taps = new StreamTaps(clock, Map.of("split", Set.of("default")));
        String noComponent = assertThrows(IllegalArgumentException.class,
                () -> taps.open(new TapKey("splat", "default"), 5)).getMessage();
        assertTrue(noComponent.contains("'splat'") && noComponent.contains("[split]"), noComponent);
        String noStream = assertThrows(IllegalArgumentException.class,
                () -> taps.open(new TapKey("split", "words"), 5)).getMessage();
        assertTrue(noStream.contains("'words'") && noStream.contains("[default]"), noStream);
        String rate = assertThrows(IllegalArgumentException.class,
                () -> taps.open(new TapKey("split", "default"), 0)).getMessage();
        assertTrue(rate.contains("maxPerSec must be 1 to 1000"), rate);
    }

    @Test
    void feedsNumberRowsForSeveralReadersAndCountWhatTheyMissed() {
        TapFeed feed = new TapFeed(10, 0);
        StreamTap tap = new StreamTap(clock, 1000);
        for (int i = 0; i < 5; i++) {
            tap.offer(1, List.of("w" + i, i, new StringBuilder("x")));
            clock.advanceMillis(1);
        }
        feed.add("worker-1", tap.drain(), tap.seen(), tap.sampled(), tap.dropped());
        feed.counters("worker-2", 100, 7, 2);
        TapFeed.Read all = feed.read(0, 1);
        assertEquals(5, all.rows().size());
        assertEquals(List.of("w0", 0, "x"), all.rows().get(0).values(), "other values shown as text");
        assertEquals(105, all.seen());
        assertEquals(12, all.sampled());
        assertEquals(2, all.dropped());
        assertEquals(0, all.missed());
        TapFeed.Read later = feed.read(3, 2);
        assertEquals(List.of(4L, 5L), later.rows().stream().map(TapFeed.Row::seq).toList());
        assertEquals(5, later.last());
        for (int i = 0; i < TapFeed.KEPT + 10; i++) {
            feed.append(i, 1, List.of(i));
        }
        TapFeed.Read behind = feed.read(5, 3);
        assertEquals(TapFeed.KEPT, behind.rows().size());
        assertEquals(10, behind.missed(), "a reader that fell behind is told how many rows it missed");
        assertEquals(3, feed.idleSince());
    }

    @Test
    void displayValuesAreJsonFriendlyAndShort() {
        String longText = "y".repeat(TapFeed.MAX_TEXT + 50);
        List<Object> shown = TapFeed.display(List.of(List.of("a", 1), Map.of("k", true), longText));
        assertEquals(List.of("a", 1), shown.get(0));
        assertEquals(Map.of("k", true), shown.get(1));
        assertEquals(TapFeed.MAX_TEXT + 1, ((String) shown.get(2)).length());
    }
}
