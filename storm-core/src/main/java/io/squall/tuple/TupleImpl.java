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
    public int size() {
        return values.size();
    }

    @Override
    public boolean contains(String field) {
        return fields.contains(field);
    }

    @Override
    public Fields getFields() {
        return fields;
    }

    @Override
    public int fieldIndex(String field) {
        return fields.fieldIndex(field);
    }

    @Override
    public List<Object> select(Fields selector) {
        return fields.select(selector, values);
    }

    @Override
    public Object getValue(int i) {
        return values.get(i);
    }

    @Override
    public String getString(int i) {
        return (String) values.get(i);
    }

    @Override
    public Integer getInteger(int i) {
        return (Integer) values.get(i);
    }

    @Override
    public Long getLong(int i) {
        return (Long) values.get(i);
    }

    @Override
    public Boolean getBoolean(int i) {
        return (Boolean) values.get(i);
    }

    @Override
    public Short getShort(int i) {
        return (Short) values.get(i);
    }

    @Override
    public Byte getByte(int i) {
        return (Byte) values.get(i);
    }

    @Override
    public Double getDouble(int i) {
        return (Double) values.get(i);
    }

    @Override
    public Float getFloat(int i) {
        return (Float) values.get(i);
    }

    @Override
    public byte[] getBinary(int i) {
        return (byte[]) values.get(i);
    }

    @Override
    public Object getValueByField(String field) {
        return values.get(fields.fieldIndex(field));
    }

    @Override
    public String getStringByField(String field) {
        return (String) getValueByField(field);
    }

    @Override
    public Integer getIntegerByField(String field) {
        return (Integer) getValueByField(field);
    }

    @Override
    public Long getLongByField(String field) {
        return (Long) getValueByField(field);
    }

    @Override
    public Boolean getBooleanByField(String field) {
        return (Boolean) getValueByField(field);
    }

    @Override
    public Short getShortByField(String field) {
        return (Short) getValueByField(field);
    }

    @Override
    public Byte getByteByField(String field) {
        return (Byte) getValueByField(field);
    }

    @Override
    public Double getDoubleByField(String field) {
        return (Double) getValueByField(field);
    }

    @Override
    public Float getFloatByField(String field) {
        return (Float) getValueByField(field);
    }

    @Override
    public byte[] getBinaryByField(String field) {
        return (byte[]) getValueByField(field);
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
