package io.squall.trident.planner;

import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.windowing.WindowConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The windows of one partition, per group, driven by hand: every tuple in its windows, late ones refused. */
class PartitionWindowsTest {
    private final List<String> fired = new ArrayList<>();
    private final List<String> expired = new ArrayList<>();
    private final PartitionWindows.Sink<String> sink = new PartitionWindows.Sink<>() {
        @Override
        public void fired(List<String> events, long startTs, long endTs) {
            fired.add(events + " (" + startTs + ", " + endTs + "]");
        }

        @Override
        public void expired(String event) {
            expired.add(event);
        }
    };

    @Test
    void aGroupsFirstTupleAtAWindowBoundaryIsInTheWindowEndingThere() {
        PartitionWindows<String> w = PartitionWindows.create(
                WindowConfig.tumbling(BaseWindowedBolt.Duration.of(100)), true, 0, sink);
        w.add(List.of("a"), "a1", 50);
        w.advance(50);
        w.add(List.of("b"), "b1", 100);
        w.add(List.of("a"), "a2", 100);
        w.advance(100);
        assertEquals(List.of("[a1, a2] (0, 100]", "[b1] (0, 100]"), fired);
        w.add(List.of("b"), "b2", 150);
        w.advance(300);
        assertEquals(List.of("[a1, a2] (0, 100]", "[b1] (0, 100]", "[b2] (100, 200]"), fired);
        assertEquals(List.of("a1", "a2", "b1", "b2"), expired.stream().sorted().toList(), "each left its window");
    }

    @Test
    void groupsShareThePartitionsWatermarkAndATupleIsLateOnlyOnceItsGroupsWindowsFired() {
        PartitionWindows<String> w = PartitionWindows.create(WindowConfig.sliding(BaseWindowedBolt.Duration.of(200),
                BaseWindowedBolt.Duration.of(100)).withTimestampField("ts"), true, 0, sink);
        assertTrue(w.add(List.of("a"), "a1", 50, 1));
        assertTrue(w.add(List.of("b"), "b1", 250, 1));
        w.advance(10);                                     // watermark 249: windows ending at 100 and 200 fire
        assertEquals(List.of("[a1] (-100, 100]", "[a1] (0, 200]"), fired);
        assertTrue(w.add(List.of("c"), "c1", 150, 1), "behind the watermark, but (100, 300] is still open");
        assertFalse(w.add(List.of("c"), "c2", 90, 1), "every window that could hold 90 has fired");
        assertTrue(w.add(List.of("a"), "a2", 400, 1));
        w.advance(20);                                     // watermark 399
        assertEquals(List.of("[a1] (-100, 100]", "[a1] (0, 200]", "[b1] (100, 300]", "[c1] (100, 300]"), fired,
                "c's first window is (100, 300]: (0, 200] had ended before c1 came");
    }
}
