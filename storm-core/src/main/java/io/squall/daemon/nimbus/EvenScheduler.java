package io.squall.daemon.nimbus;

import io.squall.cluster.Assignment;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerSlot;
import io.squall.runtime.TaskLayout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Spreads a topology over the free worker slots: slots are taken alternately from each supervisor, and
 * executors are dealt round-robin over the chosen slots in component order, so each component's executors
 * spread over every worker. Stateless.
 */
public final class EvenScheduler {
    private EvenScheduler() {
    }

    /**
     * An assignment of every executor of {@code layout} to at most {@code workers} free slots.
     *
     * @param used slots of other topologies, as {@code supervisorId:port}
     * @throws NimbusException (503) when no slot is free
     */
    public static Assignment schedule(String topologyId, long version, int workers, TaskLayout layout,
                                      List<SupervisorInfo> supervisors, Set<String> used, long nowMs) {
        List<SupervisorInfo> sups = new ArrayList<>(supervisors);
        sups.sort(Comparator.comparing(SupervisorInfo::id));
        List<SupervisorInfo> slotSup = new ArrayList<>();
        List<Integer> slotPort = new ArrayList<>();
        int maxPorts = sups.stream().mapToInt(s -> s.ports().size()).max().orElse(0);
        for (int i = 0; i < maxPorts && slotSup.size() < workers; i++) {
            for (SupervisorInfo s : sups) {
                if (i < s.ports().size() && !used.contains(s.id() + ":" + s.ports().get(i))
                        && slotSup.size() < workers) {
                    slotSup.add(s);
                    slotPort.add(s.ports().get(i));
                }
            }
        }
        if (slotSup.isEmpty()) {
            throw new NimbusException(503, "No free worker slot for topology " + topologyId + ": " + sups.size()
                    + " supervisors, every slot in use; start a supervisor or kill a topology");
        }
        int n = Math.min(slotSup.size(), layout.executors().size());
        List<List<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(new ArrayList<>());
        }
        int i = 0;
        for (TaskLayout.ExecutorTasks et : layout.executors()) {
            for (int t : et.tasks()) {
                tasks.get(i % n).add(t);
            }
            i++;
        }
        List<WorkerSlot> slots = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            SupervisorInfo s = slotSup.get(w);
            slots.add(new WorkerSlot(s.id(), s.host(), slotPort.get(w), List.copyOf(tasks.get(w))));
        }
        return new Assignment(topologyId, version, slots, nowMs);
    }
}
