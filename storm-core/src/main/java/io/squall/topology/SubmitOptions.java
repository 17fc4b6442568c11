package io.squall.topology;

import java.io.Serializable;

/** Options of a submission, with Storm's accessors: whether the topology starts active. */
public class SubmitOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private TopologyInitialStatus initialStatus;

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
}
