package io.squall.runtime.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one output stream of one task: the tuples it emitted on the stream and the tuples it sent along it
 * (one per target task). Written only by the task's executor thread, with plain reads and opaque writes, as
 * {@link TaskStats}; read by any thread.
 */
public final class StreamStats {
    private static final VarHandle EMITTED;
    private static final VarHandle TRANSFERRED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            EMITTED = l.findVarHandle(StreamStats.class, "emitted", long.class);
            TRANSFERRED = l.findVarHandle(StreamStats.class, "transferred", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String streamId;
    private long emitted;
    private long transferred;

    /** Counters for stream {@code streamId}. */
    public StreamStats(String streamId) {
        this.streamId = streamId;
    }

    /** The stream. */
    public String streamId() {
        return streamId;
    }

    /** Counts an emit sent to {@code targets} tasks. Owner thread. */
    public void emitted(int targets) {
        EMITTED.setOpaque(this, emitted + 1);
        TRANSFERRED.setOpaque(this, transferred + targets);
    }

    /** Tuples emitted on the stream. Any thread. */
    public long emittedCount() {
        return (long) EMITTED.getOpaque(this);
    }

    /** Tuples sent along the stream, one per target. Any thread. */
    public long transferredCount() {
        return (long) TRANSFERRED.getOpaque(this);
    }
}
