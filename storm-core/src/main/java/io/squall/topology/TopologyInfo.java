package io.squall.topology;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A running topology in detail, with Storm's getters: its executors with their stats, and recent errors. */
public class TopologyInfo implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String name;
    private final int uptimeSecs;
    private final List<ExecutorSummary> executors;
    private final String status;
    private final Map<String, List<ErrorInfo>> errors;

    public TopologyInfo(String id, String name, int uptimeSecs, List<ExecutorSummary> executors, String status,
                        Map<String, List<ErrorInfo>> errors) {
        this.id = id;
        this.name = name;
        this.uptimeSecs = uptimeSecs;
        this.executors = List.copyOf(executors);
        this.status = status;
        this.errors = Map.copyOf(errors);
    }

    public String get_id() {
        return id;
    }

    public String get_name() {
        return name;
    }

    public int get_uptime_secs() {
        return uptimeSecs;
    }

    public List<ExecutorSummary> get_executors() {
        return executors;
    }

    public int get_executors_size() {
        return executors.size();
    }

    public String get_status() {
        return status;
    }

    /** The last errors of each component that reported any. */
    public Map<String, List<ErrorInfo>> get_errors() {
        return errors;
    }

    /** The topology and its executors, for logs (Storm's harnesses log it while they wait for progress). */
    @Override
    public String toString() {
        return "TopologyInfo(" + name + " " + id + ", " + status + ", up " + uptimeSecs + " s, executors " + executors
                + ")";
    }
}
