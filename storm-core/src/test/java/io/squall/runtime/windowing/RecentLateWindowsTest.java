package io.squall.runtime.windowing;

import io.squall.metrics.TaggedRegistry;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentLateWindowsTest {
    private final TaggedRegistry registry = new TaggedRegistry();

    private long gauge(String suffix) {
        var gauges = registry.registry().getGauges((n, m) -> n.endsWith("." + suffix));
        assertEquals(1, gauges.size(), suffix + " in " + registry.registry().getNames());
        return ((Number) gauges.values().iterator().next().getValue()).longValue();
    }

    @Test
    void countsLateTuplesPerWindowForTheLatestThreeWindowsAsTaskMetrics() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("s", new FixedTupleSpout(List.of(), new Fields("x")));
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "s"),
                "topo-1", 0, List.of(1));
        RecentLateWindows late = new RecentLateWindows(new TopologyContext(worker, 1, registry), 10_000);
        assertEquals(0, gauge("late-tuples.window-1.count"), "none yet");
        for (long end : new long[] {10_000, 20_000, 10_000, 30_000, 40_000, 40_000, 40_000, 20_000}) {
            late.record(end);
        }
        Map<Long, Long> expected = new LinkedHashMap<>();
        expected.put(40_000L, 3L);
        expected.put(30_000L, 1L);
        expected.put(20_000L, 2L);
        assertEquals(expected, late.snapshot(), "latest first; the window ending at 10 s dropped out");
        assertEquals(30_000, gauge("late-tuples.window-1.start"));
        assertEquals(40_000, gauge("late-tuples.window-1.end"));
        assertEquals(3, gauge("late-tuples.window-1.count"));
        assertEquals(20_000, gauge("late-tuples.window-3.end"));
        assertEquals(2, gauge("late-tuples.window-3.count"));
    }
}
