package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one input stream of one bolt task (a stream of a component it subscribes to): the tuples of the stream
 * it executed, acked and failed. A task counts its inputs apart only when it has more than one, as Storm reports a
 * bolt's figures by input. Written only by the task's executor thread, with plain reads and opaque writes, as
 * {@link TaskStats}; read by any thread.
 */
public final class InputStats {
    private static final VarHandle EXECUTED;
    private static final VarHandle ACKED;
    private static final VarHandle FAILED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            EXECUTED = l.findVarHandle(InputStats.class, "executed", long.class);
            ACKED = l.findVarHandle(InputStats.class, "acked", long.class);
            FAILED = l.findVarHandle(InputStats.class, "failed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String componentId;
    private final String streamId;
    private long executed;
    private long acked;
    private long failed;

    /** Counters for stream {@code streamId} of component {@code componentId}. */
    public InputStats(String componentId, String streamId) {
        this.componentId = componentId;
        this.streamId = streamId;
    }

    /** The component the stream comes from. */
    public String componentId() {
        return componentId;
    }

    /** The stream. */
    public String streamId() {
        return streamId;
    }

    /** Whether these are the counters of stream {@code stream} of {@code component}. */
    public boolean is(String component, String stream) {
        return (componentId == component || componentId.equals(component))
                && (streamId == stream || streamId.equals(stream));
    }

    /** Counts an executed tuple. Owner thread. */
    public void executed() {
        EXECUTED.setOpaque(this, executed + 1);
    }

    /** Counts an ack. Owner thread. */
    public void acked() {
        ACKED.setOpaque(this, acked + 1);
    }

    /** Counts a fail. Owner thread. */
    public void failed() {
        FAILED.setOpaque(this, failed + 1);
    }

    /** Tuples of the stream executed. Any thread. */
    public long executedCount() {
        return (long) EXECUTED.getOpaque(this);
    }

    /** Tuples of the stream acked. Any thread. */
    public long ackedCount() {
        return (long) ACKED.getOpaque(this);
    }

    /** Tuples of the stream failed. Any thread. */
    public long failedCount() {
        return (long) FAILED.getOpaque(this);
    }
}
