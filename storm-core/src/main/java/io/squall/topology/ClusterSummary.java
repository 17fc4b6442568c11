package io.squall.topology;

import java.io.Serializable;
import java.util.List;

/** The cluster at a glance, with Storm's getters: supervisors, topologies, the Nimbuses and their uptime. */
public class ClusterSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<SupervisorSummary> supervisors;
    private final int nimbusUptimeSecs;
    private final List<TopologySummary> topologies;
    private final List<NimbusSummary> nimbuses;

    /** A summary that names no Nimbus. */
    public ClusterSummary(List<SupervisorSummary> supervisors, int nimbusUptimeSecs, List<TopologySummary> topologies) {
        this(supervisors, nimbusUptimeSecs, topologies, List.of());
    }

    public ClusterSummary(List<SupervisorSummary> supervisors, int nimbusUptimeSecs, List<TopologySummary> topologies,
                          List<NimbusSummary> nimbuses) {
        this.supervisors = List.copyOf(supervisors);
        this.nimbusUptimeSecs = nimbusUptimeSecs;
        this.topologies = List.copyOf(topologies);
        this.nimbuses = List.copyOf(nimbuses);
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

    /** The Nimbuses of the cluster, the leader among them (in local mode, the local cluster's one). */
    public List<NimbusSummary> get_nimbuses() {
        return nimbuses;
    }

    public int get_nimbuses_size() {
        return nimbuses.size();
    }

    @Override
    public String toString() {
        return "ClusterSummary(supervisors=" + supervisors + ", topologies=" + topologies + ", nimbuses=" + nimbuses + ")";
    }
}
