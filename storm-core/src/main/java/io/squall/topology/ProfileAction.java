package io.squall.topology;

/**
 * What {@code Nimbus.Iface.setWorkerProfiler} asks of a worker (Storm's): a profiler recording (JFR in Squall) stopped
 * or started, its recording dumped, a heap dump, a thread dump, or a restart of the worker's JVM.
 */
public enum ProfileAction {
    /**
     * With a time stamp in the future, records until then (what Storm's UI sends to start a recording of some
     * minutes); with one in the past or none, stops the recording.
     */
    JPROFILE_STOP(0),
    /** Starts a recording, until the request's time stamp if it is in the future, else for 10 minutes. */
    JPROFILE_START(1),
    /** Dumps what the recording holds so far, beside the worker's log. */
    JPROFILE_DUMP(2),
    /** A heap dump, beside the worker's log. */
    JMAP_DUMP(3),
    /** A thread dump, beside the worker's log. */
    JSTACK_DUMP(4),
    /** Restarts the worker's JVM. */
    JVM_RESTART(5);

    private final int value;

    ProfileAction(int value) {
        this.value = value;
    }

    /** Storm's number for the action. */
    public int getValue() {
        return value;
    }

    /** The action of Storm's number {@code value}, or null. */
    public static ProfileAction findByValue(int value) {
        for (ProfileAction a : values()) {
            if (a.value == value) {
                return a;
            }
        }
        return null;
    }
}
