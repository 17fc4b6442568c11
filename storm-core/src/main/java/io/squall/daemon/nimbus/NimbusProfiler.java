package io.squall.daemon.nimbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The profiling and debugging actions asked of running workers (Storm UI's {@code profiling/...} paths): a thread
 * dump, a heap dump, a restart, and a JFR recording started for some minutes, dumped or stopped. Each worker learns
 * the actions asked of it in the answer to its next metrics report and carries them out in its own JVM, writing the
 * dumps beside its log. A one-time action is handed out once; a recording stays listed until it ends (its time is up,
 * or it is stopped, which is handed out once). In memory: a new leader starts with none. Thread-safe.
 */
final class NimbusProfiler {
    /** The actions of Storm's UI: {@code start} takes minutes; the others are one-time. */
    static final Set<String> ACTIONS = Set.of("start", "stop", "dumpprofile", "dumpjstack", "dumpheap",
            "restartworker");

    /** A one-time action and when it was asked. */
    private record Once(String action, long askedMs) {
    }

    /** What is asked of one worker: one-time actions in order, and a recording's end (0: none). */
    private static final class Asked {
        final List<Once> once = new ArrayList<>();
        long recordingUntilMs;
    }

    /** By topology, by worker ({@code host:port}). */
    private final Map<String, Map<String, Asked>> byTopology = new ConcurrentHashMap<>();

    /**
     * Asks {@code action} of a worker of {@code topology}; {@code start} records for {@code minutes} from
     * {@code nowMs}.
     *
     * @throws NimbusException 400 for an action not in {@link #ACTIONS} or a start without a positive time
     */
    synchronized void ask(String topology, String worker, String action, int minutes, long nowMs) {
        if (!ACTIONS.contains(action)) {
            throw new NimbusException(400, "Unknown profiling action '" + action + "': use one of "
                    + new java.util.TreeSet<>(ACTIONS));
        }
        Asked a = byTopology.computeIfAbsent(topology, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(worker, w -> new Asked());
        switch (action) {
            case "start" -> {
                if (minutes <= 0) {
                    throw new NimbusException(400, "A recording's time is a whole number of minutes, at least 1; "
                            + "got " + minutes);
                }
                a.recordingUntilMs = nowMs + minutes * 60_000L;
            }
            case "stop" -> {
                a.recordingUntilMs = 0;
                a.once.add(new Once("stop", nowMs));
            }
            default -> a.once.add(new Once(action, nowMs));
        }
    }

    /**
     * What a worker is to do now, for its report's answer: each one-time action once ({@code {"action": A}}), and
     * while a recording runs {@code {"action": "record", "untilMs": T}}.
     */
    synchronized List<Map<String, Object>> take(String topology, String worker, long nowMs) {
        Map<String, Asked> workers = byTopology.get(topology);
        Asked a = workers == null ? null : workers.get(worker);
        if (a == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (a.recordingUntilMs > nowMs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", "record");
            m.put("untilMs", a.recordingUntilMs);
            out.add(m);
        } else {
            a.recordingUntilMs = 0;
        }
        for (Once o : a.once) {
            out.add(Map.of("action", o.action()));
        }
        a.once.clear();
        if (a.recordingUntilMs == 0) {
            workers.remove(worker);
        }
        return out;
    }

    /** The workers of {@code topology} recording now, with when each recording ends. */
    synchronized Map<String, Long> recording(String topology, long nowMs) {
        Map<String, Long> out = new TreeMap<>();
        byTopology.getOrDefault(topology, Map.of()).forEach((worker, a) -> {
            if (a.recordingUntilMs > nowMs) {
                out.put(worker, a.recordingUntilMs);
            }
        });
        return out;
    }

    /**
     * What is pending on each worker of {@code topology} that has anything pending: {@code recordingUntilMs} while it
     * records, and {@code asked}, the one-time actions not yet taken, each {@code {"action", "askedMs"}}.
     */
    synchronized Map<String, Map<String, Object>> pending(String topology, long nowMs) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byTopology.getOrDefault(topology, Map.of()).forEach((worker, a) -> {
            Map<String, Object> w = new LinkedHashMap<>();
            if (a.recordingUntilMs > nowMs) {
                w.put("recordingUntilMs", a.recordingUntilMs);
            }
            List<Map<String, Object>> asked = new ArrayList<>();
            for (Once o : a.once) {
                asked.add(Map.of("action", o.action(), "askedMs", o.askedMs()));
            }
            if (!asked.isEmpty()) {
                w.put("asked", asked);
            }
            if (!w.isEmpty()) {
                out.put(worker, w);
            }
        });
        return out;
    }

    /** Drops what was asked of a topology's workers; it was killed. */
    void forget(String topology) {
        byTopology.remove(topology);
    }
}
