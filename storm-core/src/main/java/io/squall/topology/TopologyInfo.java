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
    private Map<String, DebugOptions> componentDebug = Map.of();

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

    /** This topology's detail with {@code errors} in place of its errors. */
    TopologyInfo withErrors(Map<String, List<ErrorInfo>> errors) {
        TopologyInfo copy = new TopologyInfo(id, name, uptimeSecs, executors, status, errors);
        copy.componentDebug = componentDebug;
        return copy;
    }

    /** The last errors of each component that reported any. */
    public Map<String, List<ErrorInfo>> get_errors() {
        return errors;
    }

    /**
     * What is debugged (Storm's event logging), as Storm keys it: by component id, and by this topology's id for
     * the whole topology; a component's entry, when it has one, is what counts for it. Empty when nothing was.
     */
    public Map<String, DebugOptions> get_component_debug() {
        return componentDebug;
    }

    public void set_component_debug(Map<String, DebugOptions> componentDebug) {
        this.componentDebug = componentDebug == null ? Map.of() : Map.copyOf(componentDebug);
    }

    public boolean is_set_component_debug() {
        return !componentDebug.isEmpty();
    }

    public int get_component_debug_size() {
        return componentDebug.size();
    }

    /** The topology and its executors, for logs (Storm's harnesses log it while they wait for progress). */
    @Override
    public String toString() {
        return "TopologyInfo(" + name + " " + id + ", " + status + ", up " + uptimeSecs + " s, executors " + executors
                + ")";
    }
}
