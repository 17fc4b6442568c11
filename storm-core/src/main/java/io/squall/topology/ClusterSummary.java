package io.squall.topology;

import java.io.Serializable;
import java.util.List;

/** The cluster at a glance, with Storm's getters: supervisors, topologies, Nimbus uptime. */
public class ClusterSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<SupervisorSummary> supervisors;
    private final int nimbusUptimeSecs;
    private final List<TopologySummary> topologies;

    public ClusterSummary(List<SupervisorSummary> supervisors, int nimbusUptimeSecs, List<TopologySummary> topologies) {
        this.supervisors = List.copyOf(supervisors);
        this.nimbusUptimeSecs = nimbusUptimeSecs;
        this.topologies = List.copyOf(topologies);
    }

    public List<SupervisorSummary> get_supervisors() {
        return supervisors;
    }

    public int get_supervisors_size() {
        return supervisors.size();
    }

    public int get_nimbus_uptime_secs() {
        return nimbusUptimeSecs;
    }

    public List<TopologySummary> get_topologies() {
        return topologies;
    }

    public int get_topologies_size() {
        return topologies.size();
    }

    @Override
    public String toString() {
        return "ClusterSummary(supervisors=" + supervisors + ", topologies=" + topologies + ")";
    }
}
