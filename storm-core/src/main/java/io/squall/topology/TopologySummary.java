package io.squall.topology;

import java.io.Serializable;

/** One topology at a glance, with Storm's getters. The status is ACTIVE, INACTIVE, KILLED or REBALANCING. */
public class TopologySummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String name;
    private final int numTasks;
    private final int numExecutors;
    private final int numWorkers;
    private final int uptimeSecs;
    private final String status;
    private final String owner;

    public TopologySummary(String id, String name, int numTasks, int numExecutors, int numWorkers, int uptimeSecs,
                           String status) {
        this(id, name, numTasks, numExecutors, numWorkers, uptimeSecs, status, null);
    }

    /** With the user who submitted it ({@code topology.submitter.user}), null if not known. */
    public TopologySummary(String id, String name, int numTasks, int numExecutors, int numWorkers, int uptimeSecs,
                           String status, String owner) {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.numTasks = numTasks;
        this.numExecutors = numExecutors;
        this.numWorkers = numWorkers;
        this.uptimeSecs = uptimeSecs;
        this.status = status;
    }

    public String get_id() {
        return id;
    }

    public String get_name() {
        return name;
    }

    public int get_num_tasks() {
        return numTasks;
    }

    public int get_num_executors() {
        return numExecutors;
    }

    public int get_num_workers() {
        return numWorkers;
    }

    public int get_uptime_secs() {
        return uptimeSecs;
    }

    public String get_status() {
        return status;
    }

    /** The user who submitted the topology; null if not known. */
    public String get_owner() {
        return owner;
    }

    public boolean is_set_owner() {
        return owner != null;
    }

    @Override
    public String toString() {
        return "TopologySummary(" + name + ", " + id + ", " + status + ", " + numWorkers + " workers, " + numExecutors
                + " executors, " + numTasks + " tasks)";
    }
}
