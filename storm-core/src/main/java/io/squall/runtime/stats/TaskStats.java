package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of one task. Written only by the task's executor thread, with plain reads and opaque writes
 * (a plain store on x86, no fence), so counting costs next to nothing; read by any thread, which sees
 * each counter whole and at most slightly behind.
 */
public final class TaskStats {
    private static final VarHandle EXECUTED;
    private static final VarHandle ACKED;
    private static final VarHandle FAILED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            EXECUTED = l.findVarHandle(TaskStats.class, "executed", long.class);
            ACKED = l.findVarHandle(TaskStats.class, "acked", long.class);
            FAILED = l.findVarHandle(TaskStats.class, "failed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String componentId;
    private final int taskId;
    /** The counters of each stream the task emitted on, by stream id. */
    private final Map<String, StreamStats> streams = new ConcurrentHashMap<>();
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

    /** The counters of stream {@code streamId}, made on first use. Any thread. */
    public StreamStats stream(String streamId) {
        return streams.computeIfAbsent(streamId, StreamStats::new);
    }

    /** The counters of each stream, by stream id. Any thread. */
    public Map<String, StreamStats> streams() {
        return Collections.unmodifiableMap(streams);
    }

    /** Tuples emitted, on all streams. Any thread. */
    public long emittedCount() {
        long n = 0;
        for (StreamStats s : streams.values()) {
            n += s.emittedCount();
        }
        return n;
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
