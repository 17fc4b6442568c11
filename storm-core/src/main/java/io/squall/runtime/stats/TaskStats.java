package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
    /** The counters of each input stream the task executed, when it counts them apart; copied on write. */
    private volatile InputStats[] inputs = new InputStats[0];
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

    /** The counters of input stream {@code stream} of {@code component}, made on first use. Owner thread. */
    public InputStats input(String component, String stream) {
        InputStats[] current = inputs;
        for (InputStats in : current) {
            if (in.is(component, stream)) {
                return in;
            }
        }
        InputStats made = new InputStats(component, stream);
        InputStats[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = made;
        inputs = grown;
        return made;
    }

    /** The counters of each input stream the task counted apart, in the order it first saw them. Any thread. */
    public List<InputStats> inputs() {
        return List.of(inputs);
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
