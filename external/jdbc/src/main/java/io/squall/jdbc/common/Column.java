package io.squall.jdbc.common;

import java.io.Serializable;
import java.util.Objects;

/**
 * One column of a row: its name, its value (null for SQL NULL, or for a column that only names a parameter) and its
 * SQL type, a constant of {@link java.sql.Types}. As Storm's storm-jdbc {@code Column}.
 *
 * @param <T> the Java type of the value ({@link Util#getJavaType} says which fits the SQL type)
 */
public class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String columnName;
    private final T val;
    private final int sqlType;

    /** A column with a value. */
    public Column(String columnName, T val, int sqlType) {
        if (columnName == null || columnName.isBlank()) {
            throw new IllegalArgumentException("A Column needs a name");
        }
        this.columnName = columnName;
        this.val = val;
        this.sqlType = sqlType;
    }

    /** A column without a value: a schema's column, or a query parameter the mapper fills from a tuple. */
    public Column(String columnName, int sqlType) {
        this(columnName, null, sqlType);
    }

    public String getColumnName() {
        return columnName;
    }

    public T getVal() {
        return val;
    }

    /** The SQL type, a constant of {@link java.sql.Types}. */
    public int getSqlType() {
        return sqlType;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column<?> c && c.columnName.equals(columnName) && c.sqlType == sqlType
                && Objects.deepEquals(c.val, val);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columnName, sqlType, val instanceof byte[] b ? java.util.Arrays.hashCode(b) : val);
    }

    @Override
    public String toString() {
        return "Column{" + columnName + " " + Util.typeName(sqlType) + " = " + val + "}";
    }
}
