package io.squall.daemon.supervisor;

import io.squall.cluster.Assignment;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a supervisor decides in one sync round, apart from ZooKeeper and processes: which of its workers to stop
 * (no longer assigned here, dead, or silent past a timeout) and which assigned slots to launch. It keeps the last
 * heartbeat seen per port, because a frozen worker's ephemeral heartbeat node vanishes with its session. Owned
 * by the supervisor's sync thread.
 */
final class WorkerSync {
    /** A slot of this supervisor in an assignment. */
    record Wanted(String topologyId, long version, List<Integer> groupIds) { }

    /** What the supervisor knows of a worker it runs. */
    interface RunningWorker {
        String topologyId();

        /** The ids of the task groups it runs, sorted. */
        List<Integer> groupIds();

        int port();

        /** When it was launched or adopted, for the start timeout. */
        long launchedAtMs();

        /** Why it is not running any more, or null while it is. */
        String deathCause();

        long pid();
    }

    /** Reads a worker's heartbeat: null when there is none. */
    interface Heartbeats {
        WorkerBeat beat(String topologyId, int port);
    }

    /** Why a worker is stopped, with the supervisor's metric that counts such stops (Storm's names). */
    enum Cause {
        ASSIGNMENT_CHANGED("supervisor:num-workers-killed-assignment-changed"),
        PROCESS_EXIT("supervisor:num-workers-killed-process-exit"),
        /** No heartbeat at all within the start timeout. */
        START_TIMEOUT("supervisor:num-workers-killed-hb-null"),
        HEARTBEAT_TIMEOUT("supervisor:num-workers-killed-hb-timeout");

        private final String metric;

        Cause(String metric) {
            this.metric = metric;
        }

        /** The meter of such stops. */
        String metric() {
            return metric;
        }
    }

    /** A worker to stop, and why. */
    record Stop(int port, Cause cause, String reason) { }

    /** One round's decisions: the workers to stop, then the slots to launch, by port. */
    record Decisions(List<Stop> stops, Map<Integer, Wanted> launches) { }

    private final List<Integer> ports;
    private final long workerTimeoutMs;
    private final long startTimeoutMs;
    private final Map<Integer, Long> lastBeatMs = new HashMap<>();

    WorkerSync(List<Integer> ports, long workerTimeoutMs, long startTimeoutMs) {
        this.ports = List.copyOf(ports);
        this.workerTimeoutMs = workerTimeoutMs;
        this.startTimeoutMs = startTimeoutMs;
    }

    /** The slots the assignments give supervisor {@code supervisorId}, by port. */
    static Map<Integer, Wanted> wanted(List<Assignment> assignments, String supervisorId) {
        Map<Integer, Wanted> wanted = new HashMap<>();
        for (Assignment a : assignments) {
            for (WorkerSlot w : a.workers()) {
                if (w.supervisorId().equals(supervisorId)) {
                    wanted.put(w.port(), new Wanted(a.topologyId(), a.version(),
                            w.groups().stream().map(WorkerSlot.TaskGroup::id).sorted().toList()));
                }
            }
        }
        return wanted;
    }

    /**
     * Heartbeats could not be read for a while (ZooKeeper was out of reach): each running worker gets a full
     * timeout from {@code nowMs} to write its next one.
     */
    void heartbeatsMissed(Iterable<Integer> runningPorts, long nowMs) {
        runningPorts.forEach(port -> lastBeatMs.put(port, nowMs));
    }

    /** Decides a round: which running workers must stop and which ports to launch. */
    Decisions decide(Map<Integer, Wanted> wanted, Map<Integer, ? extends RunningWorker> running, Heartbeats beats,
                     long nowMs) {
        List<Stop> stops = new ArrayList<>();
        Map<Integer, Wanted> launches = new LinkedHashMap<>();
        for (int port : ports) {
            Wanted a = wanted.get(port);
            RunningWorker w = running.get(port);
            if (w != null) {
                Stop problem = problem(port, w, a, beats, nowMs);
                if (problem != null) {
                    stops.add(problem);
                    lastBeatMs.remove(port);
                    w = null;
                }
            }
            if (w == null && a != null) {
                launches.put(port, a);
            }
        }
        return new Decisions(stops, launches);
    }

    /** Why the running worker on {@code port} must stop, or null if it is fine. */
    private Stop problem(int port, RunningWorker w, Wanted a, Heartbeats beats, long nowMs) {
        if (a == null || !w.topologyId().equals(a.topologyId()) || !w.groupIds().equals(a.groupIds())) {
            return new Stop(port, Cause.ASSIGNMENT_CHANGED, "it is no longer assigned here");
        }
        String death = w.deathCause();
        if (death != null) {
            return new Stop(port, Cause.PROCESS_EXIT, death);
        }
        WorkerBeat beat = beats.beat(w.topologyId(), w.port());
        if (beat != null && beat.timeMs() >= w.launchedAtMs() && beat.pid() == w.pid()) {
            // Never back: a beat from before an outage, read again after it, must not undo the outage's grace.
            lastBeatMs.merge(w.port(), beat.timeMs(), Math::max);
        }
        // A worker never seen beating gets the start timeout; after that, the last beat seen counts.
        Long last = lastBeatMs.get(w.port());
        if (last == null) {
            return nowMs - w.launchedAtMs() > startTimeoutMs ? new Stop(port, Cause.START_TIMEOUT,
                    "no heartbeat within " + startTimeoutMs + " ms of start") : null;
        }
        return nowMs - last > workerTimeoutMs ? new Stop(port, Cause.HEARTBEAT_TIMEOUT, "no heartbeat for "
                + (nowMs - last) + " ms") : null;
    }
}
