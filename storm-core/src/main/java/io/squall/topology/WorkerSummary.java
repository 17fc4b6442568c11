package io.squall.topology;

import java.io.Serializable;
import java.util.Map;

/**
 * One worker of a topology, as Storm's generated {@code WorkerSummary} shows it: where it runs, its executors and the
 * tasks of each component in it.
 */
public final class WorkerSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String supervisorId;
    private final String host;
    private final int port;
    private final String topologyId;
    private final String topologyName;
    private final int numExecutors;
    private final Map<String, Long> componentToNumTasks;
    private final int uptimeSecs;

    public WorkerSummary(String supervisorId, String host, int port, String topologyId, String topologyName,
                         int numExecutors, Map<String, Long> componentToNumTasks, int uptimeSecs) {
        this.supervisorId = supervisorId;
        this.host = host;
        this.port = port;
        this.topologyId = topologyId;
        this.topologyName = topologyName;
        this.numExecutors = numExecutors;
        this.componentToNumTasks = Map.copyOf(componentToNumTasks);
        this.uptimeSecs = uptimeSecs;
    }

    public String get_supervisor_id() {
        return supervisorId;
    }

    public String get_host() {
        return host;
    }

    public int get_port() {
        return port;
    }

    public String get_topology_id() {
        return topologyId;
    }

    public String get_topology_name() {
        return topologyName;
    }

    public int get_num_executors() {
        return numExecutors;
    }

    public Map<String, Long> get_component_to_num_tasks() {
        return componentToNumTasks;
    }

    public int get_uptime_secs() {
        return uptimeSecs;
    }

    @Override
    public String toString() {
        return "WorkerSummary(" + host + ":" + port + ", supervisor " + supervisorId + ", " + numExecutors
                + " executors, tasks " + componentToNumTasks + ", up " + uptimeSecs + " s)";
    }
}
