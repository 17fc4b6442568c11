package io.squall.topology;

import java.io.Serializable;

/** One executor of a running topology, with Storm's getters. */
public class ExecutorSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ExecutorInfo executorInfo;
    private final String componentId;
    private final String host;
    private final int port;
    private final int uptimeSecs;
    private final ExecutorStats stats;

    public ExecutorSummary(ExecutorInfo executorInfo, String componentId, String host, int port, int uptimeSecs,
                           ExecutorStats stats) {
        this.executorInfo = executorInfo;
        this.componentId = componentId;
        this.host = host;
        this.port = port;
        this.uptimeSecs = uptimeSecs;
        this.stats = stats;
    }

    public ExecutorInfo get_executor_info() {
        return executorInfo;
    }

    public String get_component_id() {
        return componentId;
    }

    public String get_host() {
        return host;
    }

    public int get_port() {
        return port;
    }

    public int get_uptime_secs() {
        return uptimeSecs;
    }

    public ExecutorStats get_stats() {
        return stats;
    }

    public boolean is_set_stats() {
        return stats != null;
    }

    @Override
    public String toString() {
        return "ExecutorSummary(" + componentId + " " + executorInfo + " on " + host + ":" + port + ", emitted "
                + (stats == null ? "none" : stats.get_emitted()) + ")";
    }
}
