package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one task. Written only by the task's executor thread, with plain reads and opaque writes
 * (a plain store on x86, no fence), so counting costs next to nothing; read by any thread, which sees
 * each counter whole and at most slightly behind.
 */
public final class TaskStats {
    private static final VarHandle EMITTED;
    private static final VarHandle EXECUTED;
    private static final VarHandle ACKED;
    private static final VarHandle FAILED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            EMITTED = l.findVarHandle(TaskStats.class, "emitted", long.class);
            EXECUTED = l.findVarHandle(TaskStats.class, "executed", long.class);
            ACKED = l.findVarHandle(TaskStats.class, "acked", long.class);
            FAILED = l.findVarHandle(TaskStats.class, "failed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String componentId;
    private final int taskId;
    private long emitted;
    private long executed;
    private long acked;
    private long failed;

    /** Counters for one task. */
    public TaskStats(String componentId, int taskId) {
        this.componentId = componentId;
        this.taskId = taskId;
    }

    /** The task's component. */
    public String componentId() {
        return componentId;
    }

    /** The task id. */
    public int taskId() {
        return taskId;
    }

    /** Counts an emit. Owner thread. */
    public void emitted() {
        EMITTED.setOpaque(this, emitted + 1);
    }

    /** Counts an executed tuple. Owner thread. */
    public void executed() {
        EXECUTED.setOpaque(this, executed + 1);
    }

    /** Counts an ack. Owner thread. */
    public void acked() {
        ACKED.setOpaque(this, acked + 1);
    }

    /** Counts a fail (explicit or timeout). Owner thread. */
    public void failed() {
        FAILED.setOpaque(this, failed + 1);
    }

    /** Tuples emitted. Any thread. */
    public long emittedCount() {
        return (long) EMITTED.getOpaque(this);
    }

    /** Tuples executed (bolts). Any thread. */
    public long executedCount() {
        return (long) EXECUTED.getOpaque(this);
    }

    /** Tuples acked. Any thread. */
    public long ackedCount() {
        return (long) ACKED.getOpaque(this);
    }

    /** Tuples failed. Any thread. */
    public long failedCount() {
        return (long) FAILED.getOpaque(this);
    }
}
