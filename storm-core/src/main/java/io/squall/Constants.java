package io.squall;

/** Names of Squall's system components and streams, as Storm's. */
public final class Constants {
    /** The component that tick tuples come from. */
    public static final String SYSTEM_COMPONENT_ID = "__system";
    /** The task id of the system component. */
    public static final int SYSTEM_TASK_ID = -1;
    /** The stream of tick tuples. */
    public static final String SYSTEM_TICK_STREAM_ID = "__tick";
    /** The acker component. */
    public static final String ACKER_COMPONENT_ID = "__acker";

    private Constants() {
    }
}
