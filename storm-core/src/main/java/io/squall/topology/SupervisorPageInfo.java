package io.squall.topology;

import java.io.Serializable;
import java.util.List;

/** What Storm's UI shows on a supervisor's page: the supervisors asked for and the workers running on them. */
public class SupervisorPageInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SupervisorSummary> supervisors;
    private final List<WorkerSummary> workers;

    public SupervisorPageInfo(List<SupervisorSummary> supervisors, List<WorkerSummary> workers) {
        this.supervisors = List.copyOf(supervisors);
        this.workers = List.copyOf(workers);
    }

    public List<SupervisorSummary> get_supervisor_summaries() {
        return supervisors;
    }

    public int get_supervisor_summaries_size() {
        return supervisors.size();
    }

    public List<WorkerSummary> get_worker_summaries() {
        return workers;
    }

    public int get_worker_summaries_size() {
        return workers.size();
    }

    @Override
    public String toString() {
        return "SupervisorPageInfo(supervisor_summaries:" + supervisors + ", worker_summaries:" + workers + ")";
    }
}
