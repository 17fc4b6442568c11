package io.squall.jdbc.common;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Connections from a HikariCP pool, as Storm's storm-jdbc {@code HikariCPConnectionProvider}. The map holds
 * HikariCP's settings: {@code dataSourceClassName} with {@code dataSource.url}, {@code dataSource.user},
 * {@code dataSource.password} (HikariCP hands each {@code dataSource.*} to the data source), or {@code jdbcUrl} with
 * {@code username} and {@code password}, and any other of HikariCP's properties ({@code maximumPoolSize}, ...).
 * Connections do not commit on their own: {@link JdbcClient} commits each batch.
 *
 * <p>A database that does not answer when the pool opens makes {@link #prepare} (and {@link #getConnection}) throw
 * {@link JdbcException} naming it; {@link #getConnection} opens the pool again at each call until it succeeds, so a
 * component whose database was down at start works once it is up.
 */
public class HikariCPConnectionProvider implements ConnectionProvider {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> configMap;
    private transient HikariDataSource dataSource;

    /** A provider of the pool {@code configMap} describes (copied; the pool opens in {@link #prepare}). */
    public HikariCPConnectionProvider(Map<String, Object> configMap) {
        if (configMap == null || configMap.isEmpty()) {
            throw new IllegalArgumentException("HikariCPConnectionProvider needs HikariCP's settings, such as "
                    + "{\"dataSourceClassName\": ..., \"dataSource.url\": ...} or {\"jdbcUrl\": ...}");
        }
        this.configMap = new HashMap<>(configMap);
    }

    /**
     * Opens the pool, once.
     *
     * @throws JdbcException when a setting is wrong or the database does not answer, naming it
     */
    @Override
    public synchronized void prepare() {
        if (dataSource != null) {
            return;
        }
        Properties properties = new Properties();
        configMap.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        HikariConfig config;
        try {
            config = new HikariConfig(properties);
        } catch (RuntimeException e) {
            throw new JdbcException("HikariCP refused the settings " + describe() + ": " + e.getMessage()
                    + ". Give dataSourceClassName with dataSource.url (and dataSource.user, dataSource.password), "
                    + "or jdbcUrl", e);
        }
        config.setAutoCommit(false);
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) { // HikariCP throws plain RuntimeExceptions, such as for a URL no driver takes
            throw new JdbcException("Cannot open a connection pool to " + describe() + ": " + rootMessage(e)
                    + ". Start the database, or correct its URL, user or password, or the driver's class", e);
        }
    }

    /**
     * A pooled connection, opening the pool first if it is not open.
     *
     * @throws JdbcException when the database does not answer
     */
    @Override
    public Connection getConnection() {
        HikariDataSource ds;
        synchronized (this) {
            if (dataSource == null) {
                prepare();
            }
            ds = dataSource;
        }
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw new JdbcException("No connection to " + describe() + ": " + rootMessage(e), e);
        }
    }

    /** Closes {@code broken}, which this provider gave, instead of returning it to the pool. */
    void evict(Connection broken) {
        HikariDataSource ds;
        synchronized (this) {
            ds = dataSource;
        }
        if (ds != null) {
            ds.evictConnection(broken);
        }
    }

    @Override
    public synchronized void cleanup() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    /** The database, for messages: its URL, never its password. */
    private String describe() {
        Object url = configMap.getOrDefault("jdbcUrl", configMap.get("dataSource.url"));
        return url != null ? url.toString() : String.valueOf(configMap.get("dataSourceClassName"));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
    }
}
