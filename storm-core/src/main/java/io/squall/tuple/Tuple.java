package io.squall.tuple;

import io.squall.task.GeneralTopologyContext;
import io.squall.topology.GlobalStreamId;

/**
 * A tuple received by a bolt: its values plus where it came from. A tuple is owned by the executor
 * thread that received it; as in Storm 2, acking, failing and anchoring happen on that thread
 * (collectors are not thread-safe; a bolt that uses its own threads must hand work back).
 */
public interface Tuple extends ITuple {
    /** The component that emitted this tuple. */
    String getSourceComponent();

    /** The task that emitted this tuple. */
    int getSourceTask();

    /** The stream this tuple was emitted on. */
    String getSourceStreamId();

    /** Component and stream together. */
    GlobalStreamId getSourceGlobalStreamId();

    /** The tuple tree ids this tuple belongs to (empty when unanchored or acking is off). */
    MessageId getMessageId();

    /**
     * The topology as the worker that made this tuple sees it (components, their tasks, streams and fields), as in
     * Storm; null for a tuple made from a {@link TupleSource} that names no context.
     */
    GeneralTopologyContext getContext();
}
