package io.squall.runtime;

import io.squall.Constants;
import io.squall.topology.ComponentSpec;
import io.squall.topology.StormTopology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task ids of a topology and how they are grouped into executors. Task ids are assigned from 1 in
 * component-id order (the acker included), so every worker and Nimbus compute the same layout.
 * Immutable.
 */
public final class TaskLayout {
    /** The tasks one executor runs. */
    public record ExecutorTasks(String componentId, int[] tasks) {
        /** The executor's name, e.g. {@code split[3-4]}. */
        public String name() {
            return tasks.length == 1 ? componentId + "[" + tasks[0] + "]"
                    : componentId + "[" + tasks[0] + "-" + tasks[tasks.length - 1] + "]";
        }
    }

    private final Map<Integer, String> taskToComponent;
    private final List<ExecutorTasks> executors;
    private final int maxTaskId;

    /** Lays out a topology with {@code ackers} acker executors (one task each). */
    public TaskLayout(StormTopology topology, int ackers) {
        this(topology, ackers, Map.of());
    }

    /**
     * Lays out a topology with {@code ackers} acker executors, overriding the number of executors of some
     * components (a rebalance). The number of tasks does not change, except for a keyed stateful bolt
     * ({@link ComponentSpec.StateScope#KEY_GROUP}): an override gives it that many tasks, one per executor, its
     * state moving with its key groups (the caller checks the count against the key groups).
     *
     * @throws IllegalArgumentException if an override names no component or is not between 1 and its tasks
     */
    public TaskLayout(StormTopology topology, int ackers, Map<String, Integer> executorOverrides) {
        Map<String, int[]> parallelismAndTasks = new TreeMap<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            Integer override = executorOverrides.get(c.getId());
            int executors = override != null ? override : c.getParallelism();
            boolean rescaled = override != null && c.getStateScope() == ComponentSpec.StateScope.KEY_GROUP;
            int tasks = rescaled ? executors : c.getNumTasks();
            if (executors < 1 || executors > tasks) {
                throw new IllegalArgumentException("Component '" + c.getId() + "' has " + c.getNumTasks()
                        + " tasks, so it can run on 1 to " + c.getNumTasks() + " executors, not " + executors);
            }
            parallelismAndTasks.put(c.getId(), new int[] {executors, tasks});
        }
        for (String id : executorOverrides.keySet()) {
            if (topology.getComponent(id) == null) {
                throw new IllegalArgumentException("No component '" + id + "' in the topology; it has "
                        + topology.getComponents().keySet());
            }
        }
        if (ackers > 0) {
            parallelismAndTasks.put(Constants.ACKER_COMPONENT_ID, new int[] {ackers, ackers});
        }
        Map<Integer, String> t2c = new TreeMap<>();
        List<ExecutorTasks> execs = new ArrayList<>();
        int next = 1;
        for (Map.Entry<String, int[]> e : parallelismAndTasks.entrySet()) {
            int executors = e.getValue()[0];
            int tasks = e.getValue()[1];
            for (int x = 0; x < executors; x++) {
                // Split the tasks into contiguous runs whose sizes differ by at most one.
                int count = tasks / executors + (x < tasks % executors ? 1 : 0);
                int[] ids = new int[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = next;
                    t2c.put(next, e.getKey());
                    next++;
                }
                execs.add(new ExecutorTasks(e.getKey(), ids));
            }
        }
        this.taskToComponent = Collections.unmodifiableMap(t2c);
        this.executors = Collections.unmodifiableList(execs);
        this.maxTaskId = next - 1;
    }

    /** Every task to its component. */
    public Map<Integer, String> taskToComponent() {
        return taskToComponent;
    }

    /** Every executor, in component order. */
    public List<ExecutorTasks> executors() {
        return executors;
    }

    /** The highest task id. */
    public int maxTaskId() {
        return maxTaskId;
    }

    /**
     * The executors of the topology's own components, ackers not counted: the figure that the worker log, local
     * mode, {@code bin/squall list} and the dashboard show (the sum of the components' parallelism).
     */
    public int componentExecutors() {
        return (int) executors.stream().filter(e -> !e.componentId().equals(Constants.ACKER_COMPONENT_ID)).count();
    }

    /** The tasks of the topology's own components, ackers not counted, as {@link #componentExecutors()}. */
    public int componentTasks() {
        return taskToComponent.size() - ackerTasks().length;
    }

    /** A component's task ids, ascending; empty for an unknown component. */
    public int[] componentTasks(String componentId) {
        return taskToComponent.entrySet().stream().filter(e -> e.getValue().equals(componentId))
                .mapToInt(Map.Entry::getKey).toArray();
    }

    /**
     * Checks that a rebalance from {@code before} to this layout keeps what state needs: a keyed stateful bolt
     * gets at most {@code keyGroups} tasks, and a stateful component whose state is kept by task keeps its task ids
     * (a keyed bolt's new task count renumbers the tasks of the components after it in id order).
     *
     * @throws IllegalArgumentException naming the component and what to do instead
     */
    public void checkRescale(StormTopology topology, TaskLayout before, int keyGroups) {
        for (ComponentSpec c : topology.getComponents().values()) {
            int[] now = componentTasks(c.getId());
            if (c.getStateScope() == ComponentSpec.StateScope.KEY_GROUP && now.length > keyGroups) {
                throw new IllegalArgumentException("Stateful bolt '" + c.getId() + "' cannot have " + now.length
                        + " tasks: its state is split into topology.state.key.groups = " + keyGroups + " key groups, "
                        + "fixed at submit, so it can run on 1 to " + keyGroups + " tasks; submit the topology again "
                        + "with more key groups to go further");
            }
            if (c.getStateScope() == ComponentSpec.StateScope.TASK
                    && !Arrays.equals(now, before.componentTasks(c.getId()))) {
                throw new IllegalArgumentException("This rebalance would renumber the tasks of stateful component '"
                        + c.getId() + "' (" + before.componentTasks(c.getId()).length + " tasks), whose state is kept "
                        + "by task id: change the task count of a keyed stateful bolt only when no stateful bolt "
                        + "that keeps its state by task comes after it in component id order, or rename the "
                        + "components so that it does not");
            }
        }
    }

    /**
     * Deals the executors into {@code n} groups (workers), none empty, the way Flink's slot sharing does: the k-th
     * executor of every component goes to group {@code k mod n}. So the first executor of a spout, of the bolt it
     * feeds and of the bolt after that share a group, and a tuple between them stays in one worker, where it is
     * handed on as an object instead of being serialized and sent over the network; a component with at least
     * {@code n} executors still has one in every group. A group that would be left empty (every component has
     * fewer executors than there are groups) takes the last executor dealt to the group with the most.
     *
     * @param n how many groups, at most the number of executors
     * @throws IllegalArgumentException if {@code n} is not between 1 and the number of executors
     */
    public List<List<ExecutorTasks>> deal(int n) {
        if (n < 1 || n > executors.size()) {
            throw new IllegalArgumentException("Cannot deal " + executors.size() + " executors into " + n + " groups");
        }
        List<List<ExecutorTasks>> groups = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            groups.add(new ArrayList<>());
        }
        Map<String, Integer> dealt = new TreeMap<>();
        for (ExecutorTasks et : executors) {
            int k = dealt.merge(et.componentId(), 1, Integer::sum) - 1;
            groups.get(k % n).add(et);
        }
        for (List<ExecutorTasks> empty : groups) {
            if (empty.isEmpty()) {
                List<ExecutorTasks> fullest = groups.stream().max((a, b) -> Integer.compare(a.size(), b.size()))
                        .orElseThrow();
                empty.add(fullest.remove(fullest.size() - 1));
            }
        }
        return groups;
    }

    /** The acker task ids, ascending. */
    public int[] ackerTasks() {
        return taskToComponent.entrySet().stream().filter(e -> e.getValue().equals(Constants.ACKER_COMPONENT_ID))
                .mapToInt(Map.Entry::getKey).toArray();
    }
}
