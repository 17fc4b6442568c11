package io.squall.runtime.tap;

import io.squall.topology.DebugOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebugStateTest {
    @Test
    void aComponentsOwnSettingCountsOverTheTopologys() {
        DebugState s = DebugState.NONE.with("", true, 20).with("split", true, 5).with("count", false, 0);
        Map<String, Double> percents = s.percents();
        assertEquals(20.0, DebugState.percentFor(percents, "spout"), "no setting of its own: the topology's");
        assertEquals(5.0, DebugState.percentFor(percents, "split"));
        assertEquals(0.0, DebugState.percentFor(percents, "count"), "stopped on its own while the topology is not");
        assertNull(DebugState.percentFor(DebugState.NONE.percents(), "spout"));
    }

    @Test
    void stoppingTheTopologyLeavesTheComponentsAndKeepsItsPercentage() {
        DebugState s = DebugState.NONE.with("", true, 20).with("split", true, 5).with(null, false, 0);
        assertEquals(Map.of("topo-1", new DebugOptions(false, 20), "split", new DebugOptions(true, 5)),
                s.stormView("topo-1"));
        assertEquals(Map.of("", 0.0, "split", 5.0), s.percents());
        assertEquals(new DebugOptions(true, 7), s.with("", true, 7).byKey().get(""), "a new start, a new percentage");
    }

    @Test
    void aPercentageOutsideItsRangeIsRefusedWhenStarting() {
        for (double bad : new double[] {0, -1, 100.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DebugState.NONE.with("split", true, bad));
            assertTrue(e.getMessage().contains("above 0 and at most 100"), e.getMessage());
        }
        assertEquals(new DebugOptions(false, 0), DebugState.NONE.with("split", false, -5).byKey().get("split"),
                "stopping ignores the percentage given");
    }
}
