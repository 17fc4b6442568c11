package io.squall.jdbc.mapper;

import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.ConnectionProvider;
import io.squall.jdbc.common.JdbcClient;
import io.squall.jdbc.common.Util;
import io.squall.tuple.ITuple;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a tuple to a row by name: for each column of the schema it takes the tuple's field of the same name, as
 * Storm's storm-jdbc {@code SimpleJdbcMapper}. Field names match column names regardless of case, since databases
 * report unquoted names in upper or lower case. DATE, TIME and TIMESTAMP columns take a field holding epoch
 * milliseconds (a Long, as Storm) or a {@code java.util.Date}.
 */
public class SimpleJdbcMapper implements JdbcMapper {
    private static final long serialVersionUID = 1L;
    /** How long the schema lookup of the table constructor may take. */
    private static final int SCHEMA_QUERY_TIMEOUT_SECS = 30;

    private final List<Column> schemaColumns;

    /**
     * Maps to all the columns of {@code tableName}, read from the database now (where the topology is built), so
     * the database must answer here. The provider is prepared and left open for the components that use it.
     *
     * @throws io.squall.jdbc.common.JdbcException when the database does not answer or has no such table
     */
    public SimpleJdbcMapper(String tableName, ConnectionProvider connectionProvider) {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("SimpleJdbcMapper needs the name of the table to read the columns of");
        }
        if (connectionProvider == null) {
            throw new IllegalArgumentException("SimpleJdbcMapper needs a ConnectionProvider to read the columns of "
                    + tableName);
        }
        connectionProvider.prepare();
        this.schemaColumns = List.copyOf(new JdbcClient(connectionProvider, SCHEMA_QUERY_TIMEOUT_SECS)
                .getColumnSchema(tableName));
    }

    /** Maps to the given columns, in order; their values are ignored. */
    public SimpleJdbcMapper(List<Column> schemaColumns) {
        if (schemaColumns == null || schemaColumns.isEmpty()) {
            throw new IllegalArgumentException("SimpleJdbcMapper needs at least one column");
        }
        this.schemaColumns = List.copyOf(schemaColumns);
    }

    @Override
    public List<Column> getColumns(ITuple tuple) {
        List<Column> columns = new ArrayList<>(schemaColumns.size());
        for (Column<?> column : schemaColumns) {
            String name = column.getColumnName();
            int type = column.getSqlType();
            Object value = tuple.getValue(fieldIndex(tuple, name));
            columns.add(new Column<>(name, convert(name, type, value), type));
        }
        return columns;
    }

    /** The index of the tuple's field named {@code column}, ignoring case when no field has exactly that name. */
    static int fieldIndex(ITuple tuple, String column) {
        if (tuple.contains(column)) {
            return tuple.fieldIndex(column);
        }
        List<String> fields = tuple.getFields().toList();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("Column " + column + " has no field of that name in the tuple, whose "
                + "fields are " + fields + ": declare a field named after each column, or map the row yourself");
    }

    private static Object convert(String name, int sqlType, Object value) {
        Class<?> javaType = Util.getJavaType(sqlType);
        if (value == null || javaType.isInstance(value)) {
            return value;
        }
        long millis;
        if (value instanceof Long l) {
            millis = l;
        } else if (value instanceof java.util.Date d) {
            millis = d.getTime();
        } else {
            return value; // the client checks it against the column's type, naming both
        }
        if (javaType == Date.class) {
            return new Date(millis);
        } else if (javaType == Time.class) {
            return new Time(millis);
        } else if (javaType == Timestamp.class) {
            return new Timestamp(millis);
        }
        return value;
    }
}
