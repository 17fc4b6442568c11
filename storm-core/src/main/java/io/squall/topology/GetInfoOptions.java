package io.squall.topology;

import java.io.Serializable;

/** Options of {@code getTopologyInfoWithOpts} (Storm's): how many errors per component; all when not set. */
public class GetInfoOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private NumErrorsChoice numErrChoice;

    public GetInfoOptions() {
    }

    public NumErrorsChoice get_num_err_choice() {
        return numErrChoice;
    }

    public void set_num_err_choice(NumErrorsChoice numErrChoice) {
        this.numErrChoice = numErrChoice;
    }

    public boolean is_set_num_err_choice() {
        return numErrChoice != null;
    }

    public void unset_num_err_choice() {
        numErrChoice = null;
    }
}
