package io.squall;

import java.util.List;

/** Names of Squall's system components and streams, as Storm's. */
public final class Constants {
    /** The component that tick tuples come from. */
    public static final String SYSTEM_COMPONENT_ID = "__system";
    /** The task id of the system component. */
    public static final long SYSTEM_TASK_ID = -1;
    /** Storm's id of the system component's executor: the range of its one task, {@code [-1, -1]}. */
    public static final List<Long> SYSTEM_EXECUTOR_ID = List.of(-1L, -1L);
    /**
     * The stream on which a DRPC topology's coordinated bolts tell each other how many tuples of a request they sent
     * ({@code io.squall.drpc.CoordinatedBolt}).
     */
    public static final String COORDINATED_STREAM_ID = "$coord";
    /** The stream of tick tuples. */
    public static final String SYSTEM_TICK_STREAM_ID = "__tick";
    /** The acker component. */
    public static final String ACKER_COMPONENT_ID = "__acker";
    /**
     * The system stream every component has (field {@code event}), as in Storm: a bolt may subscribe to it; nothing
     * is sent on it.
     */
    public static final String SYSTEM_STREAM_ID = "__system";
    /** Storm's flush tuples' stream; Squall's executors flush their batches without tuples. */
    public static final String SYSTEM_FLUSH_STREAM_ID = "__flush";
    /** Storm's stream of v1 metrics to metrics consumer bolts; Squall hands them to consumers without a stream. */
    public static final String METRICS_STREAM_ID = "__metrics";
    /** Storm's prefix of the metrics consumer bolts' component ids. */
    public static final String METRICS_COMPONENT_ID_PREFIX = "__metrics_";
    /** Storm's stream of the ticks that make tasks report v1 metrics. */
    public static final String METRICS_TICK_STREAM_ID = "__metrics_tick";
    /** The resource names of Storm's resource-aware scheduler, as components' resource hints name them. */
    public static final String COMMON_CPU_RESOURCE_NAME = "cpu.pcore.percent";
    public static final String COMMON_ONHEAP_MEMORY_RESOURCE_NAME = "onheap.memory.mb";
    public static final String COMMON_OFFHEAP_MEMORY_RESOURCE_NAME = "offheap.memory.mb";
    public static final String COMMON_TOTAL_MEMORY_RESOURCE_NAME = "memory.mb";

    private Constants() {
    }
}
