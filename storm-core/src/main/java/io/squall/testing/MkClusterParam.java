package io.squall.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@code Testing.withLocalCluster} and friends make their cluster. Squall's local cluster runs each
 * topology in-process without supervisors, so the supervisor and port counts are accepted and ignored;
 * the daemon configuration is the base of every topology's configuration submitted to the cluster.
 */
public class MkClusterParam {
    private Integer supervisors;
    private Integer portsPerSupervisor;
    private Map<String, Object> daemonConf;
    private Boolean nimbusDaemon;

    public Integer getSupervisors() {
        return supervisors;
    }

    public void setSupervisors(Integer supervisors) {
        this.supervisors = supervisors;
    }

    public Integer getPortsPerSupervisor() {
        return portsPerSupervisor;
    }

    public void setPortsPerSupervisor(Integer portsPerSupervisor) {
        this.portsPerSupervisor = portsPerSupervisor;
    }

    public Map<String, Object> getDaemonConf() {
        return daemonConf;
    }

    public void setDaemonConf(Map<String, Object> daemonConf) {
        this.daemonConf = daemonConf == null ? null : new HashMap<>(daemonConf);
    }

    public Boolean isNimbusDaemon() {
        return nimbusDaemon;
    }

    public void setNimbusDaemon(Boolean nimbusDaemon) {
        this.nimbusDaemon = nimbusDaemon;
    }
}
