package io.squall.daemon.nimbus;

import io.squall.topology.TopologySummary;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's view of Nimbus's answers carries the executor and task counts Nimbus gives. */
class StormNimbusClientTest {
    @Test
    void aTopologySummaryCarriesNimbussExecutorAndTaskCounts() {
        TopologySummary s = StormNimbusClient.summaryOf(Map.of("id", "wc-1", "name", "wc", "status", "ACTIVE",
                "uptimeSecs", 12, "workers", List.of("h:6700", "h:6701"), "workersRequested", 2, "executors", 7,
                "tasks", 9));
        assertEquals(7, s.get_num_executors());
        assertEquals(9, s.get_num_tasks());
        assertEquals(2, s.get_num_workers());
        assertEquals(12, s.get_uptime_secs());
        assertEquals("wc", s.get_name());
    }

    @Test
    void countsNimbusCouldNotReadAreZero() {
        Map<String, Object> t = new HashMap<>(Map.of("id", "wc-1", "name", "wc", "status", "ACTIVE"));
        t.put("executors", null);
        t.put("tasks", null);
        TopologySummary s = StormNimbusClient.summaryOf(t);
        assertEquals(0, s.get_num_executors());
        assertEquals(0, s.get_num_tasks());
        assertEquals(0, s.get_num_workers());
    }
}
