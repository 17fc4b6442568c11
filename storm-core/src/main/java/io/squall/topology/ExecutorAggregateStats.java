package io.squall.topology;

import java.io.Serializable;

/**
 * One executor on a component's page, as Storm's generated {@code ExecutorAggregateStats}: where it runs (its
 * {@link ExecutorSummary}, with host and worker port) and its statistics.
 */
public final class ExecutorAggregateStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ExecutorSummary execSummary;
    private final ComponentAggregateStats stats;

    public ExecutorAggregateStats(ExecutorSummary execSummary, ComponentAggregateStats stats) {
        this.execSummary = execSummary;
        this.stats = stats;
    }

    public ExecutorSummary get_exec_summary() {
        return execSummary;
    }

    public ComponentAggregateStats get_stats() {
        return stats;
    }

    @Override
    public String toString() {
        return "ExecutorAggregateStats(" + execSummary + " on " + execSummary.get_host() + ":"
                + execSummary.get_port() + ")";
    }
}
