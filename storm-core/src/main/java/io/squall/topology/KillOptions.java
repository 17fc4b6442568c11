package io.squall.topology;

import java.io.Serializable;

/** Options of a kill: how long spouts stay deactivated, letting tuples in flight finish, before the workers stop. */
public class KillOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private Integer waitSecs;

    /** Sets the wait in seconds. */
    public void set_wait_secs(int secs) {
        if (secs < 0) {
            throw new IllegalArgumentException("Kill wait must be at least 0 seconds, got " + secs);
        }
        this.waitSecs = secs;
    }

    /** The wait in seconds, or null for the default. */
    public Integer get_wait_secs() {
        return waitSecs;
    }

    /** Whether a wait was set. */
    public boolean is_set_wait_secs() {
        return waitSecs != null;
    }
}
