package io.squall.jdbc.trident.state;

import io.squall.config.TopologySettings;
import io.squall.jdbc.common.Column;
import io.squall.jdbc.common.ConnectionProvider;
import io.squall.jdbc.common.JdbcClient;
import io.squall.jdbc.common.JdbcException;
import io.squall.jdbc.mapper.JdbcLookupMapper;
import io.squall.jdbc.mapper.JdbcMapper;
import io.squall.topology.ReportedFailedException;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.State;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A relational table as a Trident state, as Storm's storm-jdbc {@code JdbcState}: {@link JdbcUpdater} inserts a
 * batch's tuples in one transaction, {@link JdbcQuery} runs a select for each tuple. The state is
 * non-transactional: a batch whose write fails fails and is replayed, so rows are written at least once; a table
 * that must not hold duplicates needs a key and an upsert {@link Options#withInsertQuery statement}.
 */
public class JdbcState implements State {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcState.class);

    private final Options options;
    private final Map<String, Object> conf;
    private final int partitionIndex;
    private JdbcClient jdbcClient;

    protected JdbcState(Map<String, Object> map, int partitionIndex, int numPartitions, Options options) {
        if (options == null || options.connectionProvider == null) {
            throw new IllegalArgumentException("JdbcState needs Options with a ConnectionProvider: "
                    + "new JdbcState.Options().withConnectionProvider(...)");
        }
        this.options = options;
        this.conf = map;
        this.partitionIndex = partitionIndex;
    }

    /**
     * Opens the provider's pool (a database that is down is logged: batches fail until it answers) and makes the
     * client.
     *
     * @throws IllegalArgumentException when the options give neither an insert (table or query) nor a select
     */
    protected void prepare() {
        options.validate();
        int timeout = options.queryTimeoutSecs != null ? options.queryTimeoutSecs
                : TopologySettings.from(conf == null ? Map.of() : conf).messageTimeoutSecs();
        try {
            options.connectionProvider.prepare();
        } catch (JdbcException e) {
            LOG.warn("JdbcState partition {}: {}; its batches fail until the database answers", partitionIndex,
                    e.getMessage());
        }
        this.jdbcClient = new JdbcClient(options.connectionProvider, timeout);
    }

    @Override
    public void beginCommit(Long txid) {
        // Each batch's rows commit in updateState's own transaction.
    }

    @Override
    public void commit(Long txid) {
    }

    /**
     * Writes one row per tuple, all in one transaction.
     *
     * @throws ReportedFailedException when the write fails: nothing of the batch is committed, and it is replayed
     */
    public void updateState(List<TridentTuple> tuples, TridentCollector collector) {
        if (options.mapper == null) {
            throw new IllegalStateException("JdbcState has no JdbcMapper to write with: set Options.withMapper(...)");
        }
        List<List<Column>> rows = new ArrayList<>(tuples.size());
        for (TridentTuple tuple : tuples) {
            rows.add(options.mapper.getColumns(tuple));
        }
        try {
            if (!isBlank(options.tableName)) {
                jdbcClient.insert(options.tableName, rows);
            } else {
                jdbcClient.executeInsertQuery(options.insertQuery, rows);
            }
        } catch (JdbcException e) {
            throw new ReportedFailedException("JdbcState wrote none of a batch of " + rows.size()
                    + " rows, which is replayed: " + e.getMessage(), e);
        }
    }

    /**
     * For each tuple, in order, the tuples its select's rows map to: one entry per input tuple, empty when the select
     * found nothing.
     *
     * @throws ReportedFailedException when a select fails: the batch is replayed
     */
    public List<List<Values>> batchRetrieve(List<TridentTuple> tridentTuples) {
        if (options.jdbcLookupMapper == null || isBlank(options.selectQuery)) {
            throw new IllegalStateException("JdbcState has no select to query with: set Options.withSelectQuery(...) "
                    + "and withJdbcLookupMapper(...)");
        }
        List<List<Values>> result = new ArrayList<>(tridentTuples.size());
        try {
            for (TridentTuple tuple : tridentTuples) {
                List<Values> out = new ArrayList<>();
                for (List<Column> row : jdbcClient.select(options.selectQuery,
                        options.jdbcLookupMapper.getColumns(tuple))) {
                    out.addAll(options.jdbcLookupMapper.toTuple(tuple, row));
                }
                result.add(out);
            }
        } catch (JdbcException e) {
            throw new ReportedFailedException("JdbcState's select failed; the batch is replayed: " + e.getMessage(), e);
        }
        return result;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** What a {@link JdbcStateFactory} makes: where the database is, and what to write and read. */
    public static class Options implements Serializable {
        private static final long serialVersionUID = 1L;

        private JdbcMapper mapper;
        private JdbcLookupMapper jdbcLookupMapper;
        private ConnectionProvider connectionProvider;
        private String tableName;
        private String insertQuery;
        private String selectQuery;
        private Integer queryTimeoutSecs;

        public Options withConnectionProvider(ConnectionProvider connectionProvider) {
            this.connectionProvider = connectionProvider;
            return this;
        }

        /** Inserts into {@code tableName}, the mapper naming the columns. */
        public Options withTableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Runs {@code insertQuery} per tuple, its {@code ?}s taking the mapper's columns in order. */
        public Options withInsertQuery(String insertQuery) {
            this.insertQuery = insertQuery;
            return this;
        }

        /** Makes the rows {@link JdbcUpdater} writes. */
        public Options withMapper(JdbcMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /** Makes the select's parameters and turns its rows into tuples, for {@link JdbcQuery}. */
        public Options withJdbcLookupMapper(JdbcLookupMapper jdbcLookupMapper) {
            this.jdbcLookupMapper = jdbcLookupMapper;
            return this;
        }

        public Options withSelectQuery(String selectQuery) {
            this.selectQuery = selectQuery;
            return this;
        }

        /** How long a statement may run; by default the topology's message timeout. */
        public Options withQueryTimeoutSecs(int queryTimeoutSecs) {
            this.queryTimeoutSecs = queryTimeoutSecs;
            return this;
        }

        void validate() {
            if (connectionProvider == null) {
                throw new IllegalArgumentException("JdbcState.Options needs withConnectionProvider(...)");
            }
            if (isBlank(tableName) && isBlank(insertQuery) && isBlank(selectQuery)) {
                throw new IllegalArgumentException("JdbcState.Options needs withTableName(...) or "
                        + "withInsertQuery(...) to write, or withSelectQuery(...) to query");
            }
            if (!isBlank(tableName) && !isBlank(insertQuery)) {
                throw new IllegalArgumentException("JdbcState.Options takes a table name or an insert query, not both");
            }
        }
    }
}
