package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What Storm's UI shows on a component's page, as its generated {@code ComponentPageInfo}: the component's type,
 * counts and each of its executors with the worker it runs in. Tools find a component's worker logs through it
 * (the host and port of each executor name a worker log on that host's logviewer).
 */
public final class ComponentPageInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String componentId;
    private final ComponentType type;
    private final TopologyInfo topology;
    private final List<ExecutorAggregateStats> executors;

    public ComponentPageInfo(String componentId, ComponentType type, TopologyInfo topology,
                             List<ExecutorAggregateStats> executors) {
        this.componentId = componentId;
        this.type = type;
        this.topology = topology;
        this.executors = List.copyOf(executors);
    }

    /** The page of component {@code componentId} of {@code info}, whose type is {@code type}. */
    public static ComponentPageInfo of(TopologyInfo info, String componentId, ComponentType type) {
        List<ExecutorAggregateStats> executors = new ArrayList<>();
        for (ExecutorSummary e : info.get_executors()) {
            if (e.get_component_id().equals(componentId)) {
                executors.add(new ExecutorAggregateStats(e, new ComponentAggregateStats(type)));
            }
        }
        return new ComponentPageInfo(componentId, type, info, executors);
    }

    public String get_component_id() {
        return componentId;
    }

    public ComponentType get_component_type() {
        return type;
    }

    public String get_topology_id() {
        return topology.get_id();
    }

    public String get_topology_name() {
        return topology.get_name();
    }

    public String get_topology_status() {
        return topology.get_status();
    }

    public int get_num_executors() {
        return executors.size();
    }

    public int get_num_tasks() {
        int tasks = 0;
        for (ExecutorAggregateStats e : executors) {
            ExecutorInfo range = e.get_exec_summary().get_executor_info();
            tasks += range.get_task_end() - range.get_task_start() + 1;
        }
        return tasks;
    }

    /** The component's executors, each with the host and worker port it runs on. */
    public List<ExecutorAggregateStats> get_exec_stats() {
        return executors;
    }

    public int get_exec_stats_size() {
        return executors.size();
    }

    @Override
    public String toString() {
        return "ComponentPageInfo(" + componentId + " " + type + " of " + get_topology_name() + ", "
                + get_num_executors() + " executors, " + get_num_tasks() + " tasks)";
    }
}
