package io.squall.daemon.nimbus;

import io.squall.cluster.Assignment;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerSlot;
import io.squall.cluster.WorkerSlot.TaskGroup;
import io.squall.runtime.TaskLayout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places a topology's executors on worker slots. Stateless.
 *
 * <p>{@link #schedule} deals the executors into as many task groups as the topology asks for workers, the k-th
 * executor of every component into group k mod n ({@link TaskLayout#deal}: a component with enough executors spreads
 * over every group, and executors that feed each other share one), and puts each group on a free slot, taking
 * slots alternately from each supervisor. With fewer free slots than groups, a slot takes several
 * groups: the topology runs on fewer workers than it asked for.
 *
 * <p>{@link #reschedule} changes an assignment as little as possible: workers whose slot is still there keep
 * their groups; only the groups of lost slots move, each to a free slot (on the supervisor that runs the
 * fewest of the topology's workers) or, with no free slot, into the kept worker with the fewest groups. When
 * slots free up again, workers holding several groups hand the extra ones to the free slots.
 */
public final class EvenScheduler {
    private EvenScheduler() {
    }

    /**
     * A fresh assignment of every executor of {@code layout}, in at most {@code workers} workers.
     *
     * @param used slots of other topologies, as {@code supervisorId:port}
     * @throws NoFreeSlotException when no slot is free
     */
    public static Assignment schedule(String topologyId, long version, int workers, TaskLayout layout,
                                      List<SupervisorInfo> supervisors, Set<String> used, long nowMs) {
        return schedule(topologyId, version, workers, layout, supervisors, used, nowMs, 0);
    }

    /**
     * A fresh assignment as {@link #schedule(String, long, int, TaskLayout, List, Set, long)}, its task groups
     * numbered from {@code firstGroupId}. A rebalance numbers them past the groups of the assignment it replaces:
     * a worker runs the groups it was started with, so new group ids make every worker of the topology stop (its
     * supervisor stops it, and it exits on its own) and start again with the new task layout, even when it keeps
     * its slot and as many groups.
     */
    public static Assignment schedule(String topologyId, long version, int workers, TaskLayout layout,
                                      List<SupervisorInfo> supervisors, Set<String> used, long nowMs,
                                      int firstGroupId) {
        int n = Math.max(1, Math.min(workers, layout.executors().size()));
        List<TaskGroup> groups = new ArrayList<>();
        List<List<TaskLayout.ExecutorTasks>> dealt = layout.deal(n);
        for (int g = 0; g < n; g++) {
            List<Integer> tasks = new ArrayList<>();
            for (TaskLayout.ExecutorTasks et : dealt.get(g)) {
                for (int t : et.tasks()) {
                    tasks.add(t);
                }
            }
            tasks.sort(null);
            groups.add(new TaskGroup(firstGroupId + g, List.copyOf(tasks)));
        }
        List<Slot> free = freeSlots(supervisors, used, List.of());
        if (free.isEmpty()) {
            throw new NoFreeSlotException(topologyId, n, 0, supervisors.size());
        }
        List<Placed> placed = new ArrayList<>();
        for (TaskGroup g : groups) {
            if (placed.size() < n && !free.isEmpty()) {
                Slot s = takeSpreading(free, placed);
                placed.add(new Placed(s.supervisor.id(), s.supervisor.host(), s.port, new ArrayList<>(List.of(g))));
            } else {
                fewestGroups(placed).groups.add(g);
            }
        }
        return toAssignment(topologyId, version, placed, nowMs);
    }

    /**
     * The assignment {@code previous} changed as little as possible to run on live slots, or {@code previous}
     * itself when nothing needs to change.
     *
     * @param supervisors live supervisors: their slots may be kept and their free ones taken
     * @param keepAlsoOn  supervisors not listed now whose slots are kept anyway (missing for less than the
     *                    supervisor timeout, so probably about to come back)
     * @param used        slots of other topologies, as {@code supervisorId:port}
     * @throws NoFreeSlotException when every worker was lost and no slot is free
     */
    public static Assignment reschedule(Assignment previous, int workers, List<SupervisorInfo> supervisors,
                                        Set<String> keepAlsoOn, Set<String> used, long nowMs) {
        Map<String, SupervisorInfo> byId = new HashMap<>();
        supervisors.forEach(s -> byId.put(s.id(), s));
        List<Placed> kept = new ArrayList<>();
        List<TaskGroup> orphans = new ArrayList<>();
        for (WorkerSlot w : previous.workers()) {
            SupervisorInfo s = byId.get(w.supervisorId());
            boolean alive = s != null ? s.ports().contains(w.port()) : keepAlsoOn.contains(w.supervisorId());
            if (alive && !used.contains(w.supervisorId() + ":" + w.port())) {
                kept.add(new Placed(w.supervisorId(), w.host(), w.port(), new ArrayList<>(w.groups())));
            } else {
                orphans.addAll(w.groups());
            }
        }
        List<Slot> free = freeSlots(supervisors, used, kept);
        int totalGroups = orphans.size() + kept.stream().mapToInt(p -> p.groups.size()).sum();
        if (kept.isEmpty() && free.isEmpty()) {
            throw new NoFreeSlotException(previous.topologyId(), Math.min(workers, totalGroups), 0,
                    supervisors.size());
        }
        boolean changed = !orphans.isEmpty();
        List<Placed> running = List.copyOf(kept);
        for (TaskGroup g : orphans) {
            if (!free.isEmpty()) {
                Slot s = takeSpreading(free, kept);
                kept.add(new Placed(s.supervisor.id(), s.supervisor.host(), s.port, new ArrayList<>(List.of(g))));
            } else {
                // Among the workers with the fewest groups, a new one takes it: a running one would restart.
                Placed target = kept.stream().min(Comparator.comparingInt((Placed p) -> p.groups.size())
                        .thenComparing(p -> running.contains(p))).orElseThrow();
                target.groups.add(g);
            }
        }
        int wanted = Math.min(workers, totalGroups);
        while (kept.size() < wanted && !free.isEmpty()) {
            Placed donor = kept.stream().max(Comparator.comparingInt((Placed p) -> p.groups.size())).orElseThrow();
            if (donor.groups.size() < 2) {
                break;
            }
            TaskGroup g = donor.groups.remove(donor.groups.size() - 1);
            Slot s = takeSpreading(free, kept);
            kept.add(new Placed(s.supervisor.id(), s.supervisor.host(), s.port, new ArrayList<>(List.of(g))));
            changed = true;
        }
        return changed ? toAssignment(previous.topologyId(), previous.version() + 1, kept, nowMs) : previous;
    }

    /** A free slot of a supervisor. */
    private record Slot(SupervisorInfo supervisor, int port) { }

    /** A worker being placed: its slot and the groups it takes. */
    private record Placed(String supervisorId, String host, int port, List<TaskGroup> groups) { }

    /** Every slot of a live supervisor that neither another topology nor {@code taken} uses, by supervisor id. */
    private static List<Slot> freeSlots(List<SupervisorInfo> supervisors, Set<String> used, List<Placed> taken) {
        List<SupervisorInfo> sups = new ArrayList<>(supervisors);
        sups.sort(Comparator.comparing(SupervisorInfo::id));
        List<Slot> free = new ArrayList<>();
        for (SupervisorInfo s : sups) {
            for (int port : s.ports()) {
                boolean isTaken = used.contains(s.id() + ":" + port)
                        || taken.stream().anyMatch(p -> p.supervisorId.equals(s.id()) && p.port == port);
                if (!isTaken) {
                    free.add(new Slot(s, port));
                }
            }
        }
        return free;
    }

    /** Removes and returns the free slot on the supervisor that runs the fewest of {@code placed}. */
    private static Slot takeSpreading(List<Slot> free, List<Placed> placed) {
        Slot best = null;
        long bestLoad = Long.MAX_VALUE;
        for (Slot s : free) {
            long load = placed.stream().filter(p -> p.supervisorId.equals(s.supervisor.id())).count();
            if (load < bestLoad) {
                best = s;
                bestLoad = load;
            }
        }
        free.remove(best);
        return best;
    }

    private static Placed fewestGroups(List<Placed> placed) {
        return placed.stream().min(Comparator.comparingInt((Placed p) -> p.groups.size())
                .thenComparingInt(p -> p.groups.stream().mapToInt(g -> g.tasks().size()).sum())).orElseThrow();
    }

    private static Assignment toAssignment(String topologyId, long version, List<Placed> placed, long nowMs) {
        List<WorkerSlot> slots = new ArrayList<>();
        for (Placed p : placed) {
            List<TaskGroup> groups = new ArrayList<>(p.groups);
            groups.sort(Comparator.comparingInt(TaskGroup::id));
            slots.add(new WorkerSlot(p.supervisorId, p.host, p.port, List.copyOf(groups)));
        }
        return new Assignment(topologyId, version, List.copyOf(slots), nowMs);
    }
}
