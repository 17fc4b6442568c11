package io.squall.tuple;

import java.util.List;

/** Read access to the values of a tuple, by position or by field name. */
public interface ITuple {
    /** Number of values. */
    int size();

    /** Whether the tuple's schema has this field. */
    boolean contains(String field);

    /** The schema of this tuple. */
    Fields getFields();

    /** The position of a field; throws naming the field if the schema lacks it. */
    int fieldIndex(String field);

    /** The values of the given fields, in the selector's order. */
    List<Object> select(Fields selector);

    Object getValue(int i);

    String getString(int i);

    Integer getInteger(int i);

    Long getLong(int i);

    Boolean getBoolean(int i);

    Short getShort(int i);

    Byte getByte(int i);

    Double getDouble(int i);

    Float getFloat(int i);

    byte[] getBinary(int i);

    Object getValueByField(String field);

    String getStringByField(String field);

    Integer getIntegerByField(String field);

    Long getLongByField(String field);

    Boolean getBooleanByField(String field);

    Short getShortByField(String field);

    Byte getByteByField(String field);

    Double getDoubleByField(String field);

    Float getFloatByField(String field);

    byte[] getBinaryByField(String field);

    /** All values, in schema order. Do not modify. */
    List<Object> getValues();
}
