package io.squall.topology;

import java.io.Serializable;

/** One Nimbus of the cluster, with Storm's getters: where it listens, for how long, whether it leads. */
public class NimbusSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String host;
    private final int port;
    private final int uptimeSecs;
    private final boolean isLeader;
    private final String version;

    /**
     * @param uptimeSecs how long it has run; 0 when the Nimbus that answered cannot tell (another one)
     */
    public NimbusSummary(String host, int port, int uptimeSecs, boolean isLeader, String version) {
        this.host = host;
        this.port = port;
        this.uptimeSecs = uptimeSecs;
        this.isLeader = isLeader;
        this.version = version;
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

    public boolean is_isLeader() {
        return isLeader;
    }

    public String get_version() {
        return version;
    }

    @Override
    public String toString() {
        return "NimbusSummary(" + host + ":" + port + (isLeader ? ", leader" : "") + ", up " + uptimeSecs + " s, "
                + version + ")";
    }
}
