package io.squall.jdbc.bolt;

import io.squall.config.TopologySettings;
import io.squall.jdbc.common.ConnectionProvider;
import io.squall.jdbc.common.JdbcClient;
import io.squall.jdbc.common.JdbcException;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.base.BaseTickTupleAwareRichBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.DriverManager;
import java.util.Map;

/**
 * The base of the bolts that talk to a relational database, as Storm's storm-jdbc {@code AbstractJdbcBolt}: it
 * prepares the connection provider and makes {@link #jdbcClient} in {@link #prepare}, and cleans the provider up in
 * {@link #cleanup}. A statement may run for {@code queryTimeoutSecs}, by default the topology's
 * {@code topology.message.timeout.secs}. A database that does not answer at start is logged, not thrown: the bolt's
 * tuples fail (and are replayed) until it does. Runs on the bolt's executor thread.
 */
public abstract class AbstractJdbcBolt extends BaseTickTupleAwareRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractJdbcBolt.class);

    static {
        // Drivers register with DriverManager as their classes load; initializing DriverManager first keeps two
        // bolts of one worker, preparing at once, from deadlocking between its initializer and a driver's.
        DriverManager.getDrivers();
    }

    protected transient OutputCollector collector;
    protected transient JdbcClient jdbcClient;
    /** Kept for Storm's API; Squall's bolts take their settings from the provider. */
    protected String configKey;
    protected Integer queryTimeoutSecs;
    protected ConnectionProvider connectionProvider;
    private transient String component;

    protected AbstractJdbcBolt(ConnectionProvider connectionProvider) {
        if (connectionProvider == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a ConnectionProvider, such as "
                    + "new HikariCPConnectionProvider(Map.of(\"jdbcUrl\", ...))");
        }
        this.connectionProvider = connectionProvider;
    }

    /** Opens the provider's pool and makes the client; subclasses that override it call it first. */
    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.component = context == null ? getClass().getSimpleName() : context.getThisComponentId();
        if (queryTimeoutSecs == null) {
            queryTimeoutSecs = TopologySettings.from(topoConf == null ? Map.of() : topoConf).messageTimeoutSecs();
        }
        try {
            connectionProvider.prepare();
        } catch (JdbcException e) {
            LOG.warn("Bolt {}: {}; its tuples fail until the database answers", component, e.getMessage());
        }
        this.jdbcClient = new JdbcClient(connectionProvider, queryTimeoutSecs);
    }

    /** What a bolt's database work does for one tuple; returns normally when the tuple is done. */
    protected interface JdbcWork {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} for {@code input}, then acks it; when it fails, reports the error (naming the bolt) and fails
     * the tuple so that its spout replays it.
     */
    protected final void processSafely(Tuple input, JdbcWork work) {
        try {
            work.run();
            collector.ack(input);
        } catch (Exception e) {
            collector.reportError(new JdbcException("Bolt " + component + " failed a tuple, which is replayed: "
                    + e.getMessage(), e));
            collector.fail(input);
        }
    }

    /** Closes the provider's pool; subclasses that override it call it. */
    @Override
    public void cleanup() {
        connectionProvider.cleanup();
    }
}
