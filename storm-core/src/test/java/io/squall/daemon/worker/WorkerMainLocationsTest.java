package io.squall.daemon.worker;

import io.squall.cluster.Assignment;
import io.squall.cluster.WorkerSlot;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.NodeInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a cluster worker's contexts say of where the tasks of its assignment run. */
class WorkerMainLocationsTest {
    @Test
    void everyTaskOfTheAssignmentIsOnItsWorkersSupervisorAndPort() {
        WorkerSlot a = new WorkerSlot("sup-a", "host-a", 6700, List.of(new WorkerSlot.TaskGroup(1, List.of(1, 2)),
                new WorkerSlot.TaskGroup(2, List.of(3))));
        WorkerSlot b = new WorkerSlot("sup-b", "host-b", 6701, List.of(new WorkerSlot.TaskGroup(3, List.of(4, 5))));
        Assignment assignment = new Assignment("topo-1", 7, List.of(a, b), 0);

        WorkerTopologyContext.Locations seenFromB = WorkerMain.locations(assignment, "sup-b");

        NodeInfo onA = new NodeInfo("sup-a", Set.of(6700L));
        NodeInfo onB = new NodeInfo("sup-b", Set.of(6701L));
        assertEquals("sup-b", seenFromB.assignmentId());
        assertEquals(Map.of(1, onA, 2, onA, 3, onA, 4, onB, 5, onB), seenFromB.taskToNodePort());
        assertEquals(Map.of("sup-a", "host-a", "sup-b", "host-b"), seenFromB.nodeToHost());
    }
}
