package io.squall.jdbc.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs statements on connections from a {@link ConnectionProvider}, as Storm's storm-jdbc {@code JdbcClient}: each
 * call takes a connection, runs in one transaction (a batch of inserts commits together or not at all), and gives the
 * connection back. A failure throws {@link JdbcException} naming the statement and the database's error, having
 * rolled the transaction back.
 */
public class JdbcClient {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcClient.class);

    private final ConnectionProvider connectionProvider;
    private final int queryTimeoutSecs;

    /**
     * @param queryTimeoutSecs how long a statement may run, in seconds; 0 for no limit
     */
    public JdbcClient(ConnectionProvider connectionProvider, int queryTimeoutSecs) {
        if (connectionProvider == null) {
            throw new IllegalArgumentException("JdbcClient needs a ConnectionProvider");
        }
        this.connectionProvider = connectionProvider;
        this.queryTimeoutSecs = queryTimeoutSecs;
    }

    /** Inserts the rows into {@code tableName}, in one transaction; the first row's columns name the columns. */
    public void insert(String tableName, List<List<Column>> columnLists) {
        if (columnLists.isEmpty()) {
            return;
        }
        String columns = columnLists.get(0).stream().map(Column::getColumnName).collect(Collectors.joining(", "));
        String marks = columnLists.get(0).stream().map(c -> "?").collect(Collectors.joining(", "));
        executeInsertQuery("INSERT INTO " + tableName + " (" + columns + ") VALUES (" + marks + ")", columnLists);
    }

    /** Runs {@code query} (with a {@code ?} for each column) once per row, as one batch in one transaction. */
    public void executeInsertQuery(String query, List<List<Column>> columnLists) {
        if (columnLists.isEmpty()) {
            return;
        }
        inTransaction(query, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                timeout(statement);
                for (List<Column> row : columnLists) {
                    setParameters(statement, row);
                    statement.addBatch();
                }
                for (int result : statement.executeBatch()) {
                    if (result == Statement.EXECUTE_FAILED) {
                        throw new SQLException("a statement of the batch failed");
                    }
                }
            }
            return null;
        });
    }

    /**
     * The rows {@code sqlQuery} selects, its {@code ?}s set to the values of {@code queryParams} in order; each row's
     * columns are named by their labels and typed by the result's metadata, and SQL NULL is a null value.
     */
    public List<List<Column>> select(String sqlQuery, List<Column> queryParams) {
        return inTransaction(sqlQuery, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sqlQuery)) {
                timeout(statement);
                setParameters(statement, queryParams);
                try (ResultSet rs = statement.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<List<Column>> rows = new ArrayList<>();
                    while (rs.next()) {
                        List<Column> row = new ArrayList<>(meta.getColumnCount());
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            int type = meta.getColumnType(i);
                            row.add(new Column<>(meta.getColumnLabel(i), read(rs, i, type), type));
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
        });
    }

    /**
     * The columns of {@code tableName} ({@code table} or {@code schema.table}), in order, without values. An
     * unqualified name is looked up in the connection's own catalog and schema first, then in any schema that alone
     * has a table of that name; each name is tried as given, then in upper and in lower case (databases differ in
     * how they keep unquoted names).
     *
     * @throws JdbcException when no table of that name has columns, or several schemas have one
     */
    public List<Column> getColumnSchema(String tableName) {
        return inTransaction("the columns of table " + tableName, connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            int dot = tableName.lastIndexOf('.');
            String table = tableName.substring(dot + 1);
            String schema = dot < 0 ? null : tableName.substring(0, dot);
            Map<String, List<Column>> found = dot < 0
                    ? columnsBySchema(meta, connection.getCatalog(), currentSchema(connection), table)
                    : Map.of();
            if (found.isEmpty()) {
                found = columnsBySchema(meta, null, schema, table);
            }
            if (found.size() > 1) {
                throw new SQLException("schemas " + found.keySet() + " each have a table " + table
                        + ": name one as schema.table");
            }
            if (found.isEmpty()) {
                throw new SQLException("no table " + tableName + " with columns is visible to this connection: "
                        + "create it, or correct the table's name");
            }
            return found.values().iterator().next();
        });
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) { // drivers older than JDBC 4.1 lack it
            return null;
        }
    }

    /** The columns of each table named {@code table} (in any case) in {@code schema} (any when null), by schema. */
    private static Map<String, List<Column>> columnsBySchema(DatabaseMetaData meta, String catalog, String schema,
                                                             String table) throws SQLException {
        for (String name : caseVariants(table)) {
            for (String schemaName : schema == null ? Collections.<String>singletonList(null)
                    : caseVariants(schema)) {
                Map<String, List<Column>> bySchema = new LinkedHashMap<>();
                try (ResultSet rs = meta.getColumns(catalog, schemaName, name, null)) {
                    while (rs.next()) {
                        String key = rs.getString("TABLE_CAT") + "." + rs.getString("TABLE_SCHEM");
                        bySchema.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Column<>(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")));
                    }
                }
                if (!bySchema.isEmpty()) {
                    return bySchema;
                }
            }
        }
        return Map.of();
    }

    private static List<String> caseVariants(String name) {
        return List.copyOf(new LinkedHashSet<>(List.of(name, name.toUpperCase(Locale.ROOT),
                name.toLowerCase(Locale.ROOT))));
    }

    /** Runs {@code sql} (DDL, or a statement without parameters) and commits it. */
    public void executeSql(String sql) {
        inTransaction(sql, connection -> {
            try (Statement statement = connection.createStatement()) {
                timeout(statement);
                statement.execute(sql);
            }
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        Connection connection = connectionProvider.getConnection();
        boolean autoCommit = true;
        try {
            autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException && !isValid(connection)) {
                evict(connection);
            }
            rollback(connection);
            if (e instanceof JdbcException j) {
                throw j;
            }
            throw new JdbcException("Failed: " + what + ": " + HikariCPConnectionProvider.rootMessage(e), e);
        } finally {
            close(connection, autoCommit);
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Keeps a broken connection from going back to the pool: a pool under load hands out its connections without
     * testing them, so one that broke with its database would fail each statement given to it until evicted.
     */
    private void evict(Connection connection) {
        if (connectionProvider instanceof HikariCPConnectionProvider hikari) {
            hikari.evict(connection);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed too (the connection is likely broken): {}", e.getMessage());
        }
    }

    private static void close(Connection connection, boolean autoCommit) {
        try {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.debug("Cannot restore auto-commit: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed: {}", e.getMessage());
        }
    }

    private void timeout(Statement statement) throws SQLException {
        if (queryTimeoutSecs > 0) {
            statement.setQueryTimeout(queryTimeoutSecs);
        }
    }

    private static void setParameters(PreparedStatement statement, List<Column> columns) throws SQLException {
        int i = 1;
        for (Column<?> column : columns) {
            int type = column.getSqlType();
            Object v = column.getVal();
            if (v == null) {
                statement.setNull(i++, type);
                continue;
            }
            Class<?> javaType = Util.getJavaType(type);
            try {
                if (javaType == String.class) {
                    statement.setString(i, v.toString());
                } else if (javaType == byte[].class) {
                    statement.setBytes(i, (byte[]) v);
                } else if (javaType == Boolean.class) {
                    statement.setBoolean(i, (Boolean) v);
                } else if (javaType == BigDecimal.class) {
                    statement.setBigDecimal(i, v instanceof BigDecimal b ? b : new BigDecimal(v.toString()));
                } else if (v instanceof Number n && Number.class.isAssignableFrom(javaType)) {
                    setNumber(statement, i, javaType, n);
                } else if (javaType == Date.class) {
                    statement.setDate(i, (Date) v);
                } else if (javaType == Time.class) {
                    statement.setTime(i, (Time) v);
                } else if (javaType == Timestamp.class) {
                    statement.setTimestamp(i, (Timestamp) v);
                } else {
                    throw new ClassCastException(v.getClass().getName());
                }
            } catch (ClassCastException e) {
                throw new JdbcException("Column " + column.getColumnName() + " is " + Util.typeName(type)
                        + " and takes a " + javaType.getSimpleName() + ", but its value " + v + " is a "
                        + v.getClass().getName(), e);
            }
            i++;
        }
    }

    private static void setNumber(PreparedStatement statement, int i, Class<?> javaType, Number n)
            throws SQLException {
        if (javaType == Short.class) {
            statement.setShort(i, n.shortValue());
        } else if (javaType == Integer.class) {
            statement.setInt(i, n.intValue());
        } else if (javaType == Long.class) {
            statement.setLong(i, n.longValue());
        } else if (javaType == Float.class) {
            statement.setFloat(i, n.floatValue());
        } else {
            statement.setDouble(i, n.doubleValue());
        }
    }

    private static Object read(ResultSet rs, int i, int type) throws SQLException {
        Class<?> javaType = Util.getJavaType(type);
        Object v;
        if (javaType == String.class) {
            v = rs.getString(i);
        } else if (javaType == byte[].class) {
            v = rs.getBytes(i);
        } else if (javaType == Boolean.class) {
            v = rs.getBoolean(i);
        } else if (javaType == Short.class) {
            v = rs.getShort(i);
        } else if (javaType == Integer.class) {
            v = rs.getInt(i);
        } else if (javaType == Long.class) {
            v = rs.getLong(i);
        } else if (javaType == Float.class) {
            v = rs.getFloat(i);
        } else if (javaType == Double.class) {
            v = rs.getDouble(i);
        } else if (javaType == BigDecimal.class) {
            v = rs.getBigDecimal(i);
        } else if (javaType == Date.class) {
            v = rs.getDate(i);
        } else if (javaType == Time.class) {
            v = rs.getTime(i);
        } else {
            v = rs.getTimestamp(i);
        }
        return rs.wasNull() ? null : v;
    }
}
