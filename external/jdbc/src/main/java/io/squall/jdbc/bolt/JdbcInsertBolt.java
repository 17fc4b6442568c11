package io.squall.jdbc.bolt;

import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.ConnectionProvider;
import io.squall.jdbc.mapper.JdbcMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;

import java.util.List;

/**
 * Writes one row for each tuple, as Storm's storm-jdbc {@code JdbcInsertBolt}: into {@link #withTableName a table}
 * (its columns named by the mapper) or with {@link #withInsertQuery a statement} whose {@code ?}s take the mapper's
 * columns in order. The tuple is acked once its row is committed, and failed (so replayed) when the write fails:
 * rows are written at least once, so a table that must not hold duplicates needs a key and an upsert statement
 * (such as H2's or Oracle's {@code MERGE}, PostgreSQL's {@code ON CONFLICT}, MySQL's {@code ON DUPLICATE KEY}).
 * Emits nothing.
 */
public class JdbcInsertBolt extends AbstractJdbcBolt {
    private static final long serialVersionUID = 1L;

    private final JdbcMapper jdbcMapper;
    private String tableName;
    private String insertQuery;

    public JdbcInsertBolt(ConnectionProvider connectionProvider, JdbcMapper jdbcMapper) {
        super(connectionProvider);
        if (jdbcMapper == null) {
            throw new IllegalArgumentException("JdbcInsertBolt needs a JdbcMapper, such as new SimpleJdbcMapper("
                    + "tableName, connectionProvider)");
        }
        this.jdbcMapper = jdbcMapper;
    }

    /** Inserts into {@code tableName}; exclusive with {@link #withInsertQuery}. */
    public JdbcInsertBolt withTableName(String tableName) {
        if (insertQuery != null) {
            throw new IllegalArgumentException("JdbcInsertBolt takes a table name or an insert query, not both");
        }
        this.tableName = tableName;
        return this;
    }

    /** Runs {@code insertQuery} for each tuple; exclusive with {@link #withTableName}. */
    public JdbcInsertBolt withInsertQuery(String insertQuery) {
        if (tableName != null) {
            throw new IllegalArgumentException("JdbcInsertBolt takes a table name or an insert query, not both");
        }
        this.insertQuery = insertQuery;
        return this;
    }

    /** How long a statement may run; by default the topology's message timeout. */
    public JdbcInsertBolt withQueryTimeoutSecs(int queryTimeoutSecs) {
        this.queryTimeoutSecs = queryTimeoutSecs;
        return this;
    }

    @Override
    protected void process(Tuple tuple) {
        processSafely(tuple, () -> {
            List<List<Column>> rows = List.of(jdbcMapper.getColumns(tuple));
            if (insertQuery == null) {
                jdbcClient.insert(tableName, rows);
            } else {
                jdbcClient.executeInsertQuery(insertQuery, rows);
            }
        });
    }

    /**
     * Declares nothing, and checks the bolt where the topology is built: Storm finds a missing table and query only
     * when the worker prepares the bolt.
     *
     * @throws IllegalArgumentException when neither a table name nor an insert query is set
     */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (isBlank(tableName) && isBlank(insertQuery)) {
            throw new IllegalArgumentException("JdbcInsertBolt needs withTableName(...) or withInsertQuery(...)");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
