package io.squall.daemon.nimbus;

import io.squall.cluster.Assignment;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerSlot;
import io.squall.runtime.TaskLayout;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EvenSchedulerTest {
    private static TaskLayout layout() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 2);
        b.setBolt("count", new TestWordCounter(), 4).fieldsGrouping("words", new Fields("word"));
        return new TaskLayout(b.createTopology(), 2);
    }

    private static final List<SupervisorInfo> SUPS = List.of(
            new SupervisorInfo("b", "host-b", List.of(6700, 6701), 0),
            new SupervisorInfo("a", "host-a", List.of(6700, 6701), 0));

    @Test
    void spreadsWorkersOverSupervisorsBeforeFillingOne() {
        Assignment a = EvenScheduler.schedule("t", 1, 2, layout(), SUPS, Set.of(), 42);
        assertEquals(List.of("a", "b"), a.workers().stream().map(WorkerSlot::supervisorId).toList());
        assertEquals(42, a.timeMs());
    }

    @Test
    void dealsExecutorsRoundRobinSoEveryTaskIsPlacedOnce() {
        Assignment a = EvenScheduler.schedule("t", 1, 3, layout(), SUPS, Set.of(), 0);
        assertEquals(3, a.workers().size());
        List<Integer> all = new ArrayList<>();
        a.workers().forEach(w -> all.addAll(w.tasks()));
        all.sort(Integer::compare);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), all);
        assertEquals(List.of(3, 3, 2), a.workers().stream().map(w -> w.tasks().size()).toList());
    }

    @Test
    void skipsUsedSlotsAndRunsOnFewerWorkersThanAsked() {
        Assignment a = EvenScheduler.schedule("t", 1, 4, layout(), SUPS, Set.of("a:6700", "b:6700", "b:6701"), 0);
        assertEquals(1, a.workers().size());
        assertEquals(6701, a.workers().get(0).port());
        assertEquals(8, a.workers().get(0).tasks().size());
    }

    @Test
    void refusesWhenNoSlotIsFree() {
        NimbusException e = assertThrows(NimbusException.class, () -> EvenScheduler.schedule("t", 1, 1, layout(),
                SUPS, Set.of("a:6700", "a:6701", "b:6700", "b:6701"), 0));
        assertEquals(503, e.status());
    }
}
