package io.squall.runtime.routing;

import io.squall.grouping.LoadAwareCustomStreamGrouping;
import io.squall.grouping.LoadMapping;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a custom grouping is told, and when. */
class CustomSelectorTest {
    /** Chooses the first target; records the loads it was told of each target, per refresh. */
    static final class Recording implements LoadAwareCustomStreamGrouping {
        private static final long serialVersionUID = 1L;
        final List<Map<Integer, String>> refreshes = new ArrayList<>();
        private List<Integer> targets;

        @Override
        public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
            targets = targetTasks;
        }

        @Override
        public List<Integer> chooseTasks(int taskId, List<Object> values) {
            return List.of(targets.get(0));
        }

        @Override
        public void refreshLoad(LoadMapping loadMapping) {
            Map<Integer, String> seen = new HashMap<>();
            for (int t : targets) {
                seen.put(t, loadMapping.getLoad(t).getBoltLoad() + "/" + loadMapping.getLoad(t).getConnectionLoad());
            }
            refreshes.add(seen);
        }
    }

    @Test
    void aLoadAwareGroupingIsToldTheLoadsBeforeItsFirstChoiceThenEverySecond() {
        Recording g = new Recording();
        g.prepare(null, null, List.of(1, 2));
        ManualClock clock = new ManualClock();
        double[] load = {0.25, 0.5, 0.75};
        CustomSelector s = new CustomSelector(g, 9, new int[] {1, 2}, new GlobalStreamId("a", "default"), "b",
                task -> load[task], List.of(1, 9), clock);
        assertTrue(g.refreshes.isEmpty());
        int[] out = new int[2];
        assertEquals(1, s.select(List.of("x"), out));
        // Task 1 is in the emitter's worker (its receive queue), task 2 in another (what waits to be sent to it).
        assertEquals(List.of(Map.of(1, "0.5/0.0", 2, "0.0/0.75")), g.refreshes);

        clock.advanceMillis(999);
        s.select(List.of("x"), out);
        assertEquals(1, g.refreshes.size(), "not before a second has passed");
        load[1] = 1.0;
        clock.advanceMillis(1);
        s.select(List.of("x"), out);
        assertEquals(2, g.refreshes.size());
        assertEquals(Map.of(1, "1.0/0.0", 2, "0.0/0.75"), g.refreshes.get(1));
    }

    @Test
    void withoutLoadsItIsNeverRefreshed() {
        Recording g = new Recording();
        g.prepare(null, null, List.of(1, 2));
        CustomSelector s = new CustomSelector(g, 9, new int[] {1, 2}, new GlobalStreamId("a", "default"), "b",
                null, List.of(1), new ManualClock());
        s.select(List.of("x"), new int[2]);
        assertTrue(g.refreshes.isEmpty(), "topology.disable.loadaware.messaging, as in Storm");
    }
}
