package io.squall.tuple;

import io.squall.task.GeneralTopologyContext;

/**
 * Where a tuple comes from: the emitting component and task, the stream and its schema. One object per stream of
 * an emitting task, shared by every tuple it emits, so a tuple holds one reference instead of four fields.
 * Immutable.
 */
public final class TupleSource {
    private final String componentId;
    private final String streamId;
    private final Fields fields;
    private final int task;
    /** The topology's context in the worker that made the tuples (their {@link Tuple#getContext()}), or null. */
    private final GeneralTopologyContext context;

    /**
     * Tuples that {@code task} of {@code componentId} emits on {@code streamId}, whose schema is {@code fields}, with
     * no context.
     */
    public TupleSource(String componentId, String streamId, Fields fields, int task) {
        this(componentId, streamId, fields, task, null);
    }

    /**
     * Tuples made in a worker (or with Storm's {@code TupleImpl} constructors) whose view of the topology is
     * {@code context}; {@code fields} null when the context declares none for the stream.
     */
    public TupleSource(String componentId, String streamId, Fields fields, int task, GeneralTopologyContext context) {
        this.componentId = componentId;
        this.streamId = streamId;
        this.fields = fields;
        this.task = task;
        this.context = context;
    }

    /** The topology's context in the worker that made the tuples, or null. */
    public GeneralTopologyContext context() {
        return context;
    }

    /** The emitting component. */
    public String componentId() {
        return componentId;
    }

    /** The stream. */
    public String streamId() {
        return streamId;
    }

    /** The stream's schema. */
    public Fields fields() {
        return fields;
    }

    /** The emitting task. */
    public int task() {
        return task;
    }

    @Override
    public String toString() {
        return componentId + ":" + task + "/" + streamId;
    }
}
