package io.squall.daemon.supervisor;

import io.squall.cluster.Assignment;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;
import io.squall.daemon.supervisor.WorkerSync.Cause;
import io.squall.daemon.supervisor.WorkerSync.Decisions;
import io.squall.daemon.supervisor.WorkerSync.Stop;
import io.squall.daemon.supervisor.WorkerSync.Wanted;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerSyncTest {
    private static final long WORKER_TIMEOUT_MS = 30_000;
    private static final long START_TIMEOUT_MS = 120_000;
    private static final Wanted WC = new Wanted("wc-1", 3, List.of(0, 2));

    /** A worker as the supervisor sees it; {@code death} null while it runs. */
    record Fake(String topologyId, List<Integer> groupIds, int port, long launchedAtMs, String deathCause, long pid)
            implements WorkerSync.RunningWorker {
        static Fake of(Wanted w, int port, long launchedAtMs) {
            return new Fake(w.topologyId(), w.groupIds(), port, launchedAtMs, null, 100 + port);
        }
    }

    private final WorkerSync sync = new WorkerSync(List.of(6700, 6701), WORKER_TIMEOUT_MS, START_TIMEOUT_MS);
    private final Map<Integer, Fake> running = new HashMap<>();
    private final Map<Integer, WorkerBeat> beats = new HashMap<>();

    private Decisions decide(Map<Integer, Wanted> wanted, long nowMs) {
        return sync.decide(wanted, running, (topology, port) -> beats.get(port), nowMs);
    }

    @Test
    void launchesEveryAssignedPortThatHasNoWorker() {
        Decisions d = decide(Map.of(6700, WC), 0);
        assertEquals(List.of(), d.stops());
        assertEquals(Map.of(6700, WC), d.launches());
    }

    @Test
    void leavesAHealthyWorkerAloneAndIgnoresPortsItDoesNotOwn() {
        running.put(6700, Fake.of(WC, 6700, 0));
        beats.put(6700, new WorkerBeat(5_000, 3, 6800));
        Decisions d = decide(Map.of(6700, WC, 6999, WC), 10_000);
        assertEquals(new Decisions(List.of(), Map.of()), d);
    }

    @Test
    void stopsAWorkerWhoseSlotWentAwayOrWhoseGroupsChangedAndLaunchesTheNewAssignment() {
        running.put(6700, Fake.of(WC, 6700, 0));
        running.put(6701, Fake.of(WC, 6701, 0));
        Wanted moved = new Wanted("wc-1", 4, List.of(0, 2, 5));
        Decisions d = decide(Map.of(6700, moved), 1_000);
        assertEquals(List.of(new Stop(6700, Cause.ASSIGNMENT_CHANGED, "it is no longer assigned here"),
                new Stop(6701, Cause.ASSIGNMENT_CHANGED, "it is no longer assigned here")), d.stops());
        assertEquals(Map.of(6700, moved), d.launches());
    }

    @Test
    void stopsADeadWorkerNamingItsExitAndLaunchesItAgain() {
        running.put(6700, new Fake("wc-1", List.of(0, 2), 6700, 0, "it died with exit code 1", 6800));
        Decisions d = decide(Map.of(6700, WC), 1_000);
        assertEquals(List.of(new Stop(6700, Cause.PROCESS_EXIT, "it died with exit code 1")), d.stops());
        assertEquals(Map.of(6700, WC), d.launches());
    }

    @Test
    void givesANewWorkerTheStartTimeoutToWriteItsFirstHeartbeat() {
        running.put(6700, Fake.of(WC, 6700, 1_000));
        assertEquals(List.of(), decide(Map.of(6700, WC), 1_000 + START_TIMEOUT_MS).stops());
        Decisions late = decide(Map.of(6700, WC), 1_001 + START_TIMEOUT_MS);
        assertEquals(List.of(new Stop(6700, Cause.START_TIMEOUT, "no heartbeat within " + START_TIMEOUT_MS + " ms of start")),
                late.stops());
        assertEquals(Map.of(6700, WC), late.launches());
    }

    @Test
    void keepsTheLastBeatSeenWhenAFrozenWorkersHeartbeatVanishes() {
        running.put(6700, Fake.of(WC, 6700, 0));
        beats.put(6700, new WorkerBeat(2_000, 3, 6800));
        assertEquals(List.of(), decide(Map.of(6700, WC), 3_000).stops());
        beats.remove(6700); // the ephemeral node went with the frozen worker's session
        assertEquals(List.of(), decide(Map.of(6700, WC), 2_000 + WORKER_TIMEOUT_MS).stops());
        assertEquals(List.of(new Stop(6700, Cause.HEARTBEAT_TIMEOUT, "no heartbeat for " + (WORKER_TIMEOUT_MS + 1) + " ms")),
                decide(Map.of(6700, WC), 2_001 + WORKER_TIMEOUT_MS).stops());
    }

    @Test
    void ignoresABeatOfAnotherProcessOrFromBeforeTheLaunch() {
        running.put(6700, Fake.of(WC, 6700, 10_000));
        beats.put(6700, new WorkerBeat(11_000, 3, 4242));          // a previous worker's pid
        assertEquals(List.of(), decide(Map.of(6700, WC), 12_000).stops());
        beats.put(6700, new WorkerBeat(9_000, 3, 6800));           // written before this launch
        Decisions d = decide(Map.of(6700, WC), 10_001 + START_TIMEOUT_MS);
        assertEquals(1, d.stops().size());
        assertTrue(d.stops().get(0).reason().contains("of start"), d.stops().get(0).reason());
    }

    @Test
    void aZooKeeperOutageGivesEveryWorkerAFullTimeoutFromItsEnd() {
        running.put(6700, Fake.of(WC, 6700, 0));
        beats.put(6700, new WorkerBeat(1_000, 3, 6800));
        decide(Map.of(6700, WC), 1_000);
        beats.remove(6700);
        sync.heartbeatsMissed(running.keySet(), 50_000);
        assertEquals(List.of(), decide(Map.of(6700, WC), 50_000 + WORKER_TIMEOUT_MS).stops());
        assertEquals(1, decide(Map.of(6700, WC), 50_001 + WORKER_TIMEOUT_MS).stops().size());
    }

    @Test
    void aBeatFromBeforeTheOutageReadAgainAfterItKeepsTheFullTimeout() {
        running.put(6700, Fake.of(WC, 6700, 0));
        beats.put(6700, new WorkerBeat(1_000, 3, 6800));
        decide(Map.of(6700, WC), 1_000);
        sync.heartbeatsMissed(running.keySet(), 50_000); // ZooKeeper came back with the old beat still stored
        assertEquals(List.of(), decide(Map.of(6700, WC), 50_000).stops());
        assertEquals(List.of(), decide(Map.of(6700, WC), 50_000 + WORKER_TIMEOUT_MS).stops());
        beats.put(6700, new WorkerBeat(60_000, 3, 6800));
        assertEquals(List.of(), decide(Map.of(6700, WC), 60_000 + WORKER_TIMEOUT_MS).stops());
        assertEquals(1, decide(Map.of(6700, WC), 60_001 + WORKER_TIMEOUT_MS).stops().size());
    }

    @Test
    void readsOnlyThisSupervisorsSlotsWithTheirGroupsSorted() {
        WorkerSlot mine = new WorkerSlot("sup-a", "h1", 6700, List.of(new WorkerSlot.TaskGroup(2, List.of(5)),
                new WorkerSlot.TaskGroup(0, List.of(1, 3))));
        WorkerSlot other = new WorkerSlot("sup-b", "h2", 6700, List.of(new WorkerSlot.TaskGroup(1, List.of(2))));
        Map<Integer, Wanted> wanted = WorkerSync.wanted(List.of(new Assignment("wc-1", 3, List.of(mine, other), 0)),
                "sup-a");
        assertEquals(Map.of(6700, WC), wanted);
    }
}
