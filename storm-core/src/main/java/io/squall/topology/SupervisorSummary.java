package io.squall.topology;

import java.io.Serializable;

/** One supervisor at a glance, with Storm's getters; {@code num_workers} is its slot count. */
public class SupervisorSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int uptimeSecs;
    private final int numWorkers;
    private final int numUsedWorkers;
    private final String supervisorId;

    public SupervisorSummary(String host, int uptimeSecs, int numWorkers, int numUsedWorkers, String supervisorId) {
        this.host = host;
        this.uptimeSecs = uptimeSecs;
        this.numWorkers = numWorkers;
        this.numUsedWorkers = numUsedWorkers;
        this.supervisorId = supervisorId;
    }

    public String get_host() {
        return host;
    }

    public int get_uptime_secs() {
        return uptimeSecs;
    }

    public int get_num_workers() {
        return numWorkers;
    }

    public int get_num_used_workers() {
        return numUsedWorkers;
    }

    public String get_supervisor_id() {
        return supervisorId;
    }

    @Override
    public String toString() {
        return "SupervisorSummary(" + supervisorId + " on " + host + ", " + numUsedWorkers + "/" + numWorkers + " slots)";
    }
}
