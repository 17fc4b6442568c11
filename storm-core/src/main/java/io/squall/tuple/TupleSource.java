package io.squall.tuple;

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

    /** Tuples that {@code task} of {@code componentId} emits on {@code streamId}, whose schema is {@code fields}. */
    public TupleSource(String componentId, String streamId, Fields fields, int task) {
        this.componentId = componentId;
        this.streamId = streamId;
        this.fields = fields;
        this.task = task;
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
