package io.squall.topology;

import java.io.Serializable;

/**
 * What one owner's running topologies take (Storm's, as {@code getOwnerResourceSummaries} gives it): how many
 * topologies, executors, workers and tasks. Squall has no resource-aware scheduler, so Storm's memory and CPU fields
 * (usage, guarantees, requested and assigned memory) are never set: their getters answer 0 and their
 * {@code is_set_*} false, as a Storm cluster without that scheduler leaves them.
 */
public class OwnerResourceSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String owner;
    private final int totalTopologies;
    private final int totalExecutors;
    private final int totalWorkers;
    private final int totalTasks;

    public OwnerResourceSummary(String owner, int totalTopologies, int totalExecutors, int totalWorkers,
                                int totalTasks) {
        this.owner = owner;
        this.totalTopologies = totalTopologies;
        this.totalExecutors = totalExecutors;
        this.totalWorkers = totalWorkers;
        this.totalTasks = totalTasks;
    }

    public String get_owner() {
        return owner;
    }

    public int get_total_topologies() {
        return totalTopologies;
    }

    public int get_total_executors() {
        return totalExecutors;
    }

    public int get_total_workers() {
        return totalWorkers;
    }

    public int get_total_tasks() {
        return totalTasks;
    }

    public boolean is_set_total_tasks() {
        return true;
    }

    public double get_memory_usage() {
        return 0;
    }

    public boolean is_set_memory_usage() {
        return false;
    }

    public double get_cpu_usage() {
        return 0;
    }

    public boolean is_set_cpu_usage() {
        return false;
    }

    public double get_memory_guarantee() {
        return 0;
    }

    public boolean is_set_memory_guarantee() {
        return false;
    }

    public double get_cpu_guarantee() {
        return 0;
    }

    public boolean is_set_cpu_guarantee() {
        return false;
    }

    public double get_requested_total_memory() {
        return 0;
    }

    public boolean is_set_requested_total_memory() {
        return false;
    }

    public double get_requested_cpu() {
        return 0;
    }

    public boolean is_set_requested_cpu() {
        return false;
    }

    @Override
    public String toString() {
        return "OwnerResourceSummary(owner:" + owner + ", total_topologies:" + totalTopologies + ", total_executors:"
                + totalExecutors + ", total_workers:" + totalWorkers + ", total_tasks:" + totalTasks + ")";
    }
}
