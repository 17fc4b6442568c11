package io.squall.topology;

import java.io.Serializable;

/** Options of a submission, with Storm's accessors: whether the topology starts active, and its credentials. */
public class SubmitOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private TopologyInitialStatus initialStatus;
    private Credentials creds;

    public SubmitOptions() {
        this(TopologyInitialStatus.ACTIVE);
    }

    public SubmitOptions(TopologyInitialStatus initialStatus) {
        this.initialStatus = initialStatus;
    }

    public TopologyInitialStatus get_initial_status() {
        return initialStatus;
    }

    public void set_initial_status(TopologyInitialStatus status) {
        this.initialStatus = status;
    }

    public boolean is_set_initial_status() {
        return initialStatus != null;
    }

    /** The credentials its spouts and bolts are told of before they open ({@code ICredentialsListener}), or null. */
    public Credentials get_creds() {
        return creds;
    }

    public void set_creds(Credentials creds) {
        this.creds = creds;
    }

    public boolean is_set_creds() {
        return creds != null;
    }
}
