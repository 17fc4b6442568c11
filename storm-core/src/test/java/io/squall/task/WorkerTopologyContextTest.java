package io.squall.task;

import io.squall.testing.TestWordSpout;
import io.squall.topology.NodeInfo;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Storm's getAssignmentId, getTaskToNodePort and getNodeToHost. */
class WorkerTopologyContextTest {
    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 3);
        return b.createTopology();
    }

    @Test
    void aWorkerOutsideAClusterPutsItsTasksOnTheLocalSupervisorAndKnowsNoOthers() {
        WorkerTopologyContext worker = new WorkerTopologyContext(topology(), Map.of(),
                Map.of(1, "words", 2, "words", 3, "words"), "t", 0, List.of(1, 2));
        assertEquals(WorkerTopologyContext.LOCAL_ASSIGNMENT_ID, worker.getAssignmentId());
        NodeInfo here = new NodeInfo(WorkerTopologyContext.LOCAL_ASSIGNMENT_ID, Set.of(0L));
        assertEquals(Map.of(1, here, 2, here), worker.getTaskToNodePort().get());
        assertEquals(Map.of("local", "localhost"), worker.getNodeToHost().get());
    }

    @Test
    void theLocationsGivenAreWhatTheWorkerAndItsTasksSee() {
        NodeInfo a = new NodeInfo("sup-a", Set.of(6700L));
        NodeInfo b = new NodeInfo("sup-b", Set.of(6701L));
        WorkerTopologyContext.Locations locations = new WorkerTopologyContext.Locations("sup-a",
                Map.of(1, a, 2, a, 3, b), Map.of("sup-a", "host-a", "sup-b", "host-b"));
        WorkerTopologyContext worker = new WorkerTopologyContext(topology(), Map.of(),
                Map.of(1, "words", 2, "words", 3, "words"), "t", 6700, List.of(1, 2), null, null, locations);
        TopologyContext task = new TopologyContext(worker, 1);
        assertEquals("sup-a", task.getAssignmentId());
        assertEquals(b, task.getTaskToNodePort().get().get(3));
        assertEquals("host-b", task.getNodeToHost().get().get(task.getTaskToNodePort().get().get(3).get_node()));
        assertSame(worker.getTaskToNodePort(), task.getTaskToNodePort(), "one reference for the worker");
        worker.getTaskToNodePort().set(Map.of(1, a, 2, a, 3, a));
        assertEquals(a, task.getTaskToNodePort().get().get(3), "a task sees where a moved task runs now");
    }

    @Test
    void localLocationsPlaceEveryTaskOnThePortGiven() {
        WorkerTopologyContext.Locations local = WorkerTopologyContext.Locations.local(6703, List.of(4, 5));
        NodeInfo here = new NodeInfo("local", Set.of(6703L));
        assertEquals(new WorkerTopologyContext.Locations("local", Map.of(4, here, 5, here),
                Map.of("local", "localhost")), local);
    }
}
