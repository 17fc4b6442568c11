package io.squall.hooks;

import io.squall.hooks.info.BoltAckInfo;
import io.squall.hooks.info.BoltExecuteInfo;
import io.squall.hooks.info.BoltFailInfo;
import io.squall.hooks.info.EmitInfo;
import io.squall.hooks.info.SpoutAckInfo;
import io.squall.hooks.info.SpoutFailInfo;
import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Told of what one task does: its emits, and its acks, fails and executions. Added with
 * {@code TopologyContext.addTaskHook} or for every task with {@code topology.auto.task.hooks}. Called on the
 * task's executor thread, right after the event; a hook that throws is reported as an error of the task.
 */
public interface ITaskHook {
    /** Called once, when the hook is added to a task. */
    void prepare(Map<String, Object> conf, TopologyContext context);

    /** Called when the task stops. */
    void cleanup();

    /** The task emitted a tuple. */
    void emit(EmitInfo info);

    /** A spout task's tuple tree completed. */
    void spoutAck(SpoutAckInfo info);

    /** A spout task's tuple tree failed or timed out. */
    void spoutFail(SpoutFailInfo info);

    /** A bolt task executed a tuple. */
    void boltExecute(BoltExecuteInfo info);

    /** A bolt task acked a tuple. */
    void boltAck(BoltAckInfo info);

    /** A bolt task failed a tuple. */
    void boltFail(BoltFailInfo info);
}
