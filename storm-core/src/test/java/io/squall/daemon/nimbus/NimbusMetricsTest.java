package io.squall.daemon.nimbus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NimbusMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Snapshots.Worker snapshot(String worker, long acked) {
        Snapshots.Component spout = new Snapshots.Component("s", "spout", 1, 1, acked, acked, 0, acked, 0, 0, 0,
                Map.of(), new Snapshots.Latency(acked, acked * 100, 0.1, 0.2, 0.3, 0.4), Snapshots.Latency.NONE,
                Snapshots.Latency.NONE, 0, 0, 0, 1024, 0, List.of(new Snapshots.Task(1, acked, 0, acked, 0)));
        return new Snapshots.Worker("t", "t-1", worker, 2000, 1000, 1, true, List.of(spout), List.of(),
                new Snapshots.Backpressure(false, 0, 0, null, List.of()), new Snapshots.Jvm(1, 2, 3, 4, 5, 6),
                List.of(new Snapshots.Error("s", 1, 1500, null)), Map.of("user.s.1.x", 1.5));
    }

    private static byte[] json(Object o) throws Exception {
        return JSON.writeValueAsBytes(o);
    }

    private static NimbusException refused(byte[] body) {
        return assertThrows(NimbusException.class, () -> NimbusMetrics.parse(body));
    }

    @Test
    void aSnapshotGoesThroughJsonWhole() throws Exception {
        Snapshots.Worker s = snapshot("h:1", 7);
        assertEquals(s, NimbusMetrics.parse(json(s)));
        Snapshots.Component bolt = new Snapshots.Component("join", "bolt", 1, 1, 0, 0, 9, 8, 1, 0, 0, Map.of(),
                Snapshots.Latency.NONE, Snapshots.Latency.NONE, Snapshots.Latency.NONE, 0, 0, 0, 1024, 0,
                List.of(new Snapshots.Task(2, 0, 9, 8, 1, List.of(), List.of(
                        new Snapshots.InputCount("left", "default", 4, 4, 0),
                        new Snapshots.InputCount("right", "default", 5, 4, 1)))));
        Snapshots.Worker withInputs = new Snapshots.Worker("t", "t-1", "h:1", 2000, 1000, 1, true, List.of(bolt),
                List.of(), s.backpressure(), s.jvm(), List.of(), Map.of());
        assertEquals(withInputs, NimbusMetrics.parse(json(withInputs)), "a bolt's counts by input too");
    }

    @Test
    void malformedOrIncompleteSnapshotsAreRefusedNamingWhatIsWrong() throws Exception {
        NimbusException notJson = refused("{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notJson.status());
        assertTrue(notJson.getMessage().contains("not a worker metrics snapshot"), notJson.getMessage());

        ObjectNode extra = JSON.valueToTree(snapshot("h:1", 1));
        extra.put("cpu", 1);
        assertTrue(refused(json(extra)).getMessage().contains("\"cpu\""));

        ObjectNode badType = JSON.valueToTree(snapshot("h:1", 1));
        ((ObjectNode) badType.withArray("components").get(0)).put("acked", "many");
        NimbusException e = refused(json(badType));
        assertTrue(e.getMessage().contains("at 'snapshot.components[0].acked'"), e.getMessage());

        ObjectNode noFailedBy = JSON.valueToTree(snapshot("h:1", 1));
        ((ObjectNode) noFailedBy.withArray("components").get(0)).remove("failedBy");
        e = refused(json(noFailedBy));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("has no 'snapshot.components[0].failedBy'"), e.getMessage());

        ObjectNode nullPrimitive = JSON.valueToTree(snapshot("h:1", 1));
        nullPrimitive.putNull("timeMillis");
        assertTrue(refused(json(nullPrimitive)).getMessage().contains("at 'snapshot.timeMillis'"));

        assertTrue(refused("[]".getBytes(StandardCharsets.UTF_8)).getMessage().contains("not a worker metrics"));
        assertTrue(refused("null".getBytes(StandardCharsets.UTF_8)).getMessage().contains("has no 'snapshot'"));
    }

    @Test
    void sumsWorkersOfRunningTopologiesAndForgetsRemovedOnes() {
        NimbusMetrics m = new NimbusMetrics();
        m.record(snapshot("h:1", 10), s -> true);
        m.record(snapshot("h:2", 5), s -> true);
        assertEquals(15, m.view("t", Window.ALL_TIME).spouts().get(0).acked());
        assertEquals(2, m.latest("t").size());

        NimbusException gone = assertThrows(NimbusException.class, () -> m.record(snapshot("h:1", 20), s -> false));
        assertEquals(404, gone.status());
        assertEquals(15, m.view("t", Window.ALL_TIME).spouts().get(0).acked(), "a refused report adds nothing");

        m.retainWorkers("t", Set.of("h:2"));
        assertEquals(1, m.view("t", Window.ALL_TIME).workers(), "a worker that moved away no longer counts");
        assertEquals(List.of("h:2"), m.latest("t").stream().map(Snapshots.Worker::worker).toList());
        assertEquals(15, m.view("t", Window.ALL_TIME).spouts().get(0).acked(), "the windows keep what it added");

        m.forget("t");
        assertNull(m.view("t", Window.ALL_TIME));
        assertEquals(List.of(), m.latest("t"));
    }
}
