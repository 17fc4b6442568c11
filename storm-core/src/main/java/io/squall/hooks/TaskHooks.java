package io.squall.hooks;

import io.squall.hooks.info.BoltAckInfo;
import io.squall.hooks.info.BoltExecuteInfo;
import io.squall.hooks.info.BoltFailInfo;
import io.squall.hooks.info.EmitInfo;
import io.squall.hooks.info.SpoutAckInfo;
import io.squall.hooks.info.SpoutFailInfo;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hooks of one task and the one call per event the runtime makes into them. Each call is a no-op
 * costing one emptiness check when the task has no hook. Owned by the task's executor thread.
 */
public final class TaskHooks {
    /** Storm's acker streams, as a task's emit hooks see the messages of its tuple trees. */
    public static final String ACK_INIT = "__ack_init";
    public static final String ACK_ACK = "__ack_ack";
    public static final String ACK_FAIL = "__ack_fail";
    public static final String ACK_RESET_TIMEOUT = "__ack_reset_timeout";

    private static final Logger LOG = LoggerFactory.getLogger(TaskHooks.class);
    private final int taskId;
    private final List<ITaskHook> hooks = new ArrayList<>();

    /** The hooks of {@code taskId}. */
    public TaskHooks(int taskId) {
        this.taskId = taskId;
    }

    /** Adds a prepared hook. */
    public void add(ITaskHook hook) {
        hooks.add(hook);
    }

    /** Whether the task has no hook. */
    public boolean isEmpty() {
        return hooks.isEmpty();
    }

    /** The hooks, in the order added; a read-only view. */
    public List<ITaskHook> all() {
        return Collections.unmodifiableList(hooks);
    }

    private void each(Consumer<ITaskHook> call) {
        for (ITaskHook h : hooks) {
            try {
                call.accept(h);
            } catch (RuntimeException e) {
                // A broken hook must not fail the tuple it observes: log it and go on.
                LOG.warn("Task hook {} of task {} threw", h.getClass().getName(), taskId, e);
            }
        }
    }

    /** The task emitted. */
    public void emit(List<Object> values, String stream, Collection<Integer> outTasks) {
        if (!hooks.isEmpty()) {
            EmitInfo info = new EmitInfo(values, stream, taskId, outTasks);
            each(h -> h.emit(info));
        }
    }

    /**
     * The task told the tree of {@code root} something ({@link #ACK_INIT} with the tree's first value and the spout's
     * task, {@link #ACK_ACK} with the value to XOR in, {@link #ACK_FAIL}, {@link #ACK_RESET_TIMEOUT}): Storm sends
     * these as tuples to its acker and its hooks see each as an emit on that stream, so Squall's hooks see them too.
     */
    public void ackerEmit(String stream, long root, long value, int ackerTask) {
        if (!hooks.isEmpty()) {
            List<Object> values = switch (stream) {
                case ACK_INIT -> List.of(root, value, taskId);
                case ACK_ACK -> List.of(root, value);
                default -> List.of(root);
            };
            emit(values, stream, List.of(ackerTask));
        }
    }

    /** A spout tree completed after {@code latencyNanos} (negative if unknown). */
    public void spoutAck(Object messageId, long latencyNanos) {
        if (!hooks.isEmpty()) {
            SpoutAckInfo info = new SpoutAckInfo(messageId, taskId, latencyNanos < 0 ? null : latencyNanos / 1_000_000);
            each(h -> h.spoutAck(info));
        }
    }

    /** A spout tree failed or timed out. */
    public void spoutFail(Object messageId) {
        if (!hooks.isEmpty()) {
            SpoutFailInfo info = new SpoutFailInfo(messageId, taskId, null);
            each(h -> h.spoutFail(info));
        }
    }

    /** The bolt task executed a tuple. */
    public void boltExecute(Tuple tuple) {
        if (!hooks.isEmpty()) {
            BoltExecuteInfo info = new BoltExecuteInfo(tuple, taskId, null);
            each(h -> h.boltExecute(info));
        }
    }

    /** The bolt task acked a tuple. */
    public void boltAck(Tuple tuple) {
        if (!hooks.isEmpty()) {
            BoltAckInfo info = new BoltAckInfo(tuple, taskId, null);
            each(h -> h.boltAck(info));
        }
    }

    /** The bolt task failed a tuple. */
    public void boltFail(Tuple tuple) {
        if (!hooks.isEmpty()) {
            BoltFailInfo info = new BoltFailInfo(tuple, taskId, null);
            each(h -> h.boltFail(info));
        }
    }

    /** The task stopped. */
    public void cleanup() {
        each(ITaskHook::cleanup);
    }
}
