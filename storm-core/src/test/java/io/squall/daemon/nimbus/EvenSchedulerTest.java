package io.squall.daemon.nimbus;

import io.squall.cluster.Assignment;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerSlot;
import io.squall.runtime.TaskLayout;
import io.squall.testing.TestWordSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvenSchedulerTest {
    private static final SupervisorInfo A = new SupervisorInfo("a", "host-a", List.of(1, 2), 0);
    private static final SupervisorInfo B = new SupervisorInfo("b", "host-b", List.of(1, 2), 0);
    private static final SupervisorInfo C = new SupervisorInfo("c", "host-c", List.of(1, 2), 0);
    private static final SupervisorInfo NEW = new SupervisorInfo("new", "host-new", List.of(1, 2), 0);

    /** A bolt that does nothing. */
    public static final class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static TaskLayout layout() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 3);
        b.setBolt("sink", new Sink(), 6).shuffleGrouping("words");
        return new TaskLayout(b.createTopology(), 3);
    }

    private static Assignment threeWorkers() {
        return EvenScheduler.schedule("t", 1, 3, layout(), List.of(A, B, C), Set.of(), 0);
    }

    private static Set<Integer> allTasks(Assignment a) {
        Set<Integer> all = new TreeSet<>();
        a.workers().forEach(w -> all.addAll(w.tasks()));
        return all;
    }

    @Test
    void aFreshAssignmentSpreadsOneGroupPerWorkerOverTheSupervisors() {
        Assignment a = threeWorkers();
        assertEquals(3, a.workers().size());
        assertEquals(Set.of("a", "b", "c"), new HashSet<>(a.workers().stream().map(WorkerSlot::supervisorId).toList()));
        a.workers().forEach(w -> assertEquals(1, w.groups().size()));
        assertEquals(layout().taskToComponent().keySet(), allTasks(a));
    }

    @Test
    void aRebalanceNumbersItsGroupsPastTheOldOnesSoWorkersOnTheSameSlotsRestart() {
        Assignment before = threeWorkers();
        Assignment after = EvenScheduler.schedule("t", 2, 3, layout(), List.of(A, B, C), Set.of(), 1, 3);
        assertEquals(before.workers().stream().map(WorkerSlot::name).sorted().toList(),
                after.workers().stream().map(WorkerSlot::name).sorted().toList(), "the same slots");
        assertEquals(List.of(3, 4, 5), after.workers().stream().flatMap(w -> w.groups().stream())
                .map(WorkerSlot.TaskGroup::id).sorted().toList());
        assertEquals(layout().taskToComponent().keySet(), allTasks(after));
    }

    @Test
    void losingOneSupervisorMovesOnlyItsGroupToAFreeSlot() {
        Assignment before = threeWorkers();
        Assignment after = EvenScheduler.reschedule(before, 3, List.of(A, B), Set.of(), Set.of(), 1);
        assertEquals(before.version() + 1, after.version());
        assertEquals(3, after.workers().size());
        for (WorkerSlot w : before.workers()) {
            if (!w.supervisorId().equals("c")) {
                assertEquals(w, after.slot(w.supervisorId(), w.port()), "the worker on " + w.name() + " is untouched");
            }
        }
        WorkerSlot lost = before.workers().stream().filter(w -> w.supervisorId().equals("c")).findFirst().orElseThrow();
        WorkerSlot moved = after.workers().stream().filter(w -> w.groups().equals(lost.groups())).findFirst()
                .orElseThrow();
        assertNotEquals("c", moved.supervisorId());
        assertEquals(allTasks(before), allTasks(after));
    }

    @Test
    void withoutAFreeSlotALostGroupJoinsOneKeptWorkerAndComesBackOutWhenSlotsDo() {
        SupervisorInfo oneSlotA = new SupervisorInfo("a", "host-a", List.of(1), 0);
        SupervisorInfo oneSlotB = new SupervisorInfo("b", "host-b", List.of(1), 0);
        Assignment before = EvenScheduler.schedule("t", 1, 3, layout(), List.of(oneSlotA, oneSlotB, C), Set.of(), 0);
        Assignment squeezed = EvenScheduler.reschedule(before, 3, List.of(oneSlotA, oneSlotB), Set.of(), Set.of(), 1);
        assertEquals(2, squeezed.workers().size());
        long untouched = squeezed.workers().stream().filter(w -> before.workers().contains(w)).count();
        assertEquals(1, untouched, "one worker took the lost group, the other kept running: " + squeezed);
        assertEquals(allTasks(before), allTasks(squeezed));

        Assignment spread = EvenScheduler.reschedule(squeezed, 3, List.of(oneSlotA, oneSlotB, NEW), Set.of(),
                Set.of(), 2);
        assertEquals(3, spread.workers().size());
        spread.workers().forEach(w -> assertEquals(1, w.groups().size()));
        WorkerSlot keeper = squeezed.workers().stream().filter(w -> !before.workers().contains(w)).findFirst()
                .orElseThrow();
        WorkerSlot otherKept = squeezed.workers().stream().filter(w -> w != keeper).findFirst().orElseThrow();
        assertEquals(otherKept, spread.slot(otherKept.supervisorId(), otherKept.port()), "spreading out leaves the "
                + "worker that held one group alone");
        assertEquals(allTasks(before), allTasks(spread));
    }

    @Test
    void withOneFreeSlotForTwoLostGroupsTheNewWorkerTakesBothAndTheRunningOneIsLeftAlone() {
        SupervisorInfo twoSlots = new SupervisorInfo("a", "host-a", List.of(1, 2), 0);
        SupervisorInfo oneSlotB = new SupervisorInfo("b", "host-b", List.of(1), 0);
        SupervisorInfo oneSlotC = new SupervisorInfo("c", "host-c", List.of(1), 0);
        Assignment before = EvenScheduler.schedule("t", 1, 3, layout(), List.of(twoSlots, oneSlotB, oneSlotC),
                Set.of(), 0);
        WorkerSlot onA = before.workers().stream().filter(w -> w.supervisorId().equals("a")).findFirst()
                .orElseThrow();
        Assignment after = EvenScheduler.reschedule(before, 3, List.of(twoSlots), Set.of(), Set.of(), 1);
        assertEquals(2, after.workers().size());
        assertEquals(onA, after.slot("a", onA.port()), "the running worker keeps its one group");
        assertEquals(allTasks(before), allTasks(after));
    }

    @Test
    void nothingChangesWhenEverySlotIsThere() {
        Assignment a = threeWorkers();
        assertSame(a, EvenScheduler.reschedule(a, 3, List.of(A, B, C, NEW), Set.of(), Set.of(), 1));
    }

    @Test
    void supervisorsMissingForLessThanTheTimeoutKeepTheirWorkersWhenANewOneJoins() {
        Assignment a = threeWorkers();
        Assignment after = EvenScheduler.reschedule(a, 3, List.of(NEW), Set.of("a", "b", "c"), Set.of(), 1);
        assertSame(a, after, "nothing moves onto the newly joined supervisor");
    }

    @Test
    void everySlotGoneAndNoneFreeIsNoFreeSlot() {
        Assignment a = threeWorkers();
        NoFreeSlotException e = assertThrows(NoFreeSlotException.class,
                () -> EvenScheduler.reschedule(a, 3, List.of(), Set.of(), Set.of(), 1));
        assertEquals(3, e.slotsAsked());
        assertEquals(0, e.slotsFree());
        assertEquals(409, e.status());
        assertEquals("no-free-slot", e.body().get("reason"));
    }

    @Test
    void aSubmissionWithNoFreeSlotSaysHowManySlotsItAskedForAndHowManyAreFree() {
        Set<String> used = Set.of("a:1", "a:2");
        NoFreeSlotException e = assertThrows(NoFreeSlotException.class,
                () -> EvenScheduler.schedule("t", 1, 4, layout(), List.of(A), used, 0));
        assertNotEquals(503, e.status(), "503 means a standby Nimbus to clients");
        assertEquals(4, e.body().get("slotsAsked"));
        assertEquals(0, e.body().get("slotsFree"));
        assertTrue(e.getMessage().contains("asks for 4 slots, 0 are free"), e.getMessage());
    }

    @Test
    void fewerFreeSlotsThanAskedPutsSeveralGroupsInAWorker() {
        Assignment a = EvenScheduler.schedule("t", 1, 4, layout(), List.of(A), Set.of(), 0);
        assertEquals(2, a.workers().size());
        assertEquals(4, a.workers().stream().mapToInt(w -> w.groups().size()).sum());
        assertEquals(layout().taskToComponent().keySet(), allTasks(a));
    }
}
