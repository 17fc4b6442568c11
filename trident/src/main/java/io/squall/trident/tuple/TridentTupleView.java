package io.squall.trident.tuple;

import io.squall.tuple.Fields;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TridentTuple} over a list of values and the schema that names them. Immutable as long as nobody
 * changes the list it was given; used by one task thread at a time.
 */
public final class TridentTupleView extends AbstractList<Object> implements TridentTuple {
    private final Fields fields;
    private final List<Object> values;

    /**
     * @param fields the names of the values
     * @param values as many values as {@code fields} names
     * @throws IllegalArgumentException if the counts differ
     */
    public TridentTupleView(Fields fields, List<Object> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException("Tuple of fields " + fields + " got " + values.size() + " values "
                    + values);
        }
        this.fields = fields;
        this.values = values;
    }

    /** A new tuple of the given fields of this one, in that order. */
    public TridentTupleView project(Fields selector) {
        return new TridentTupleView(selector, fields.select(selector, values));
    }

    @Override
    public Object get(int index) {
        return values.get(index);
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

    /** The values as a fresh list that can be sent to another task. */
    public ArrayList<Object> toWire() {
        return new ArrayList<>(values);
    }
}
