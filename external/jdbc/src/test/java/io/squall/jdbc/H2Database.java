package io.squall.jdbc;

import io.squall.jdbc.common.HikariCPConnectionProvider;
import org.h2.tools.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A real SQL database for the tests: H2 run as a TCP server on a loopback port, its files under {@code target/},
 * which a test can stop (every connection to it breaks) and start again on the same port with the same data.
 */
public final class H2Database implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Server server;

    private H2Database(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a server with an empty database, named {@code name}, under {@code target/h2}. */
    public static H2Database start(String name) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "h2")), name);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            H2Database db = new H2Database(dir.toAbsolutePath(), port);
            db.restart();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database's JDBC URL. */
    public String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/db";
    }

    /** HikariCP's settings for this database, with short timeouts so that an outage fails tuples quickly. */
    public Map<String, Object> hikariConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("jdbcUrl", url());
        config.put("username", "sa");
        config.put("password", "");
        config.put("connectionTimeout", "1000");
        config.put("validationTimeout", "500");
        config.put("maximumPoolSize", "4");
        return config;
    }

    public HikariCPConnectionProvider provider() {
        return new HikariCPConnectionProvider(hikariConfig());
    }

    /** Stops the server: open connections break, new ones are refused. */
    public void stop() {
        server.stop();
        server = null;
    }

    /** Starts the server (again) on its port. */
    public void restart() {
        try {
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start H2 on port " + port + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Runs DDL or an update on a connection of its own. */
    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row {@code sql} selects, as a long. */
    public long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
