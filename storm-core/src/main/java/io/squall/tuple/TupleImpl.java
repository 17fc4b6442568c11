package io.squall.tuple;

import io.squall.topology.GlobalStreamId;

import java.util.List;

/**
 * The runtime's tuple. Values are shared, never copied, between the emitter and local receivers, so
 * neither may modify them after emit. The ack value is written only by the executor thread that
 * received the tuple.
 */
public final class TupleImpl implements Tuple {
    private final String sourceComponent;
    private final String streamId;
    private final Fields fields;
    private final int sourceTask;
    private final List<Object> values;
    private final MessageId messageId;
    private long ackVal;

    /**
     * A tuple emitted by {@code sourceTask} of {@code sourceComponent} on {@code streamId}, whose schema is
     * {@code fields}.
     */
    public TupleImpl(String sourceComponent, String streamId, Fields fields, int sourceTask, List<Object> values,
                     MessageId messageId) {
        this.sourceComponent = sourceComponent;
        this.streamId = streamId;
        this.fields = fields;
        this.sourceTask = sourceTask;
        this.values = values;
        this.messageId = messageId;
    }

    /** XOR of the edge ids of the children anchored to this tuple so far (receiver thread only). */
    public long ackVal() {
        return ackVal;
    }

    /** Adds a child's edge id to this tuple's ack value (receiver thread only). */
    public void xorAckVal(long edge) {
        ackVal ^= edge;
    }

    @Override
    public String getSourceComponent() {
        return sourceComponent;
    }

    @Override
    public int getSourceTask() {
        return sourceTask;
    }

    @Override
    public String getSourceStreamId() {
        return streamId;
    }

    @Override
    public GlobalStreamId getSourceGlobalStreamId() {
        return new GlobalStreamId(sourceComponent, streamId);
    }

    @Override
    public MessageId getMessageId() {
        return messageId;
    }

    @Override
    public Fields getFields() {
        return fields;
    }

    @Override
    public Object getValue(int i) {
        return values.get(i);
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    @Override
    public String toString() {
        return "source: " + sourceComponent + ":" + sourceTask + ", stream: " + streamId + ", id: " + messageId
                + ", " + values;
    }
}
