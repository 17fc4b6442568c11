package io.squall.jdbc.bolt;

import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.ConnectionProvider;
import io.squall.jdbc.mapper.JdbcLookupMapper;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.List;

/**
 * Runs a select for each tuple and emits what the mapper makes of each row, anchored to the tuple, then acks it, as
 * Storm's storm-jdbc {@code JdbcLookupBolt}. The select's {@code ?}s take the mapper's columns in order. A tuple
 * whose select fails is failed, and so replayed.
 */
public class JdbcLookupBolt extends AbstractJdbcBolt {
    private static final long serialVersionUID = 1L;

    private final String selectQuery;
    private final JdbcLookupMapper jdbcLookupMapper;

    public JdbcLookupBolt(ConnectionProvider connectionProvider, String selectQuery,
                          JdbcLookupMapper jdbcLookupMapper) {
        super(connectionProvider);
        if (selectQuery == null || selectQuery.isBlank()) {
            throw new IllegalArgumentException("JdbcLookupBolt needs a select query");
        }
        if (jdbcLookupMapper == null) {
            throw new IllegalArgumentException("JdbcLookupBolt needs a JdbcLookupMapper, such as new "
                    + "SimpleJdbcLookupMapper(outputFields, queryColumns)");
        }
        this.selectQuery = selectQuery;
        this.jdbcLookupMapper = jdbcLookupMapper;
    }

    /** How long the select may run; by default the topology's message timeout. */
    public JdbcLookupBolt withQueryTimeoutSecs(int queryTimeoutSecs) {
        this.queryTimeoutSecs = queryTimeoutSecs;
        return this;
    }

    @Override
    protected void process(Tuple tuple) {
        processSafely(tuple, () -> {
            List<List<Column>> rows = jdbcClient.select(selectQuery, jdbcLookupMapper.getColumns(tuple));
            for (List<Column> row : rows) {
                for (Values values : jdbcLookupMapper.toTuple(tuple, row)) {
                    collector.emit(tuple, values);
                }
            }
        });
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        jdbcLookupMapper.declareOutputFields(declarer);
    }
}
