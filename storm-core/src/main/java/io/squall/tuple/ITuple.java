package io.squall.tuple;

import java.util.List;

/**
 * Read access to the values of a tuple, by position or by field name. An implementation provides
 * {@link #getFields()} and {@link #getValues()}; every other accessor derives from those two.
 */
public interface ITuple {
    /** The schema of this tuple. */
    Fields getFields();

    /** All values, in schema order. Do not modify. */
    List<Object> getValues();

    /** Number of values. */
    default int size() {
        return getValues().size();
    }

    /** Whether the tuple's schema has this field. */
    default boolean contains(String field) {
        return getFields().contains(field);
    }

    /** The position of a field; throws naming the field if the schema lacks it. */
    default int fieldIndex(String field) {
        return getFields().fieldIndex(field);
    }

    /** The values of the given fields, in the selector's order. */
    default List<Object> select(Fields selector) {
        return getFields().select(selector, getValues());
    }

    default Object getValue(int i) {
        return getValues().get(i);
    }

    default String getString(int i) {
        return (String) getValue(i);
    }

    default Integer getInteger(int i) {
        return (Integer) getValue(i);
    }

    default Long getLong(int i) {
        return (Long) getValue(i);
    }

    default Boolean getBoolean(int i) {
        return (Boolean) getValue(i);
    }

    default Short getShort(int i) {
        return (Short) getValue(i);
    }

    default Byte getByte(int i) {
        return (Byte) getValue(i);
    }

    default Double getDouble(int i) {
        return (Double) getValue(i);
    }

    default Float getFloat(int i) {
        return (Float) getValue(i);
    }

    default byte[] getBinary(int i) {
        return (byte[]) getValue(i);
    }

    default Object getValueByField(String field) {
        return getValue(fieldIndex(field));
    }

    default String getStringByField(String field) {
        return (String) getValueByField(field);
    }

    default Integer getIntegerByField(String field) {
        return (Integer) getValueByField(field);
    }

    default Long getLongByField(String field) {
        return (Long) getValueByField(field);
    }

    default Boolean getBooleanByField(String field) {
        return (Boolean) getValueByField(field);
    }

    default Short getShortByField(String field) {
        return (Short) getValueByField(field);
    }

    default Byte getByteByField(String field) {
        return (Byte) getValueByField(field);
    }

    default Double getDoubleByField(String field) {
        return (Double) getValueByField(field);
    }

    default Float getFloatByField(String field) {
        return (Float) getValueByField(field);
    }

    default byte[] getBinaryByField(String field) {
        return (byte[]) getValueByField(field);
    }
}
