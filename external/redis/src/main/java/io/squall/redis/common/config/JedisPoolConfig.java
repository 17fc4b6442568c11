package io.squall.redis.common.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a single Redis server is and how to talk to it: host, port, timeout in ms, database number and
 * password, as Storm's storm-redis {@code JedisPoolConfig}. Immutable and serializable, so it travels inside a
 * bolt; build it with {@link Builder}.
 */
public final class JedisPoolConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Redis's default host. */
    public static final String DEFAULT_HOST = "localhost";
    /** Redis's default port. */
    public static final int DEFAULT_PORT = 6379;
    /** The connect and read timeout when none is given, in ms. */
    public static final int DEFAULT_TIMEOUT = 2000;
    /** Redis's first database. */
    public static final int DEFAULT_DATABASE = 0;

    private final String host;
    private final int port;
    private final int timeout;
    private final int database;
    private final String password;

    /**
     * @param host     the server's host name or address
     * @param port     the server's port, 1 to 65535
     * @param timeout  the connect and read timeout, in ms (0: wait forever)
     * @param password the password, or null when the server asks for none
     * @param database the database number, 0 or more
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public JedisPoolConfig(String host, int port, int timeout, String password, int database) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Redis host is empty: give the host name or address of the server");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port " + port + " is out of range: give a port from 1 to 65535");
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("Redis timeout " + timeout + " ms is negative: give 0 (no timeout) or more");
        }
        if (database < 0) {
            throw new IllegalArgumentException("Redis database " + database + " is negative: give 0 or more");
        }
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.password = password;
        this.database = database;
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    /** The connect and read timeout, in ms. */
    public int getTimeout() {
        return timeout;
    }

    public int getDatabase() {
        return database;
    }

    /** The password, or null. */
    public String getPassword() {
        return password;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JedisPoolConfig c && c.host.equals(host) && c.port == port && c.timeout == timeout
                && c.database == database && Objects.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, timeout, database, password);
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "JedisPoolConfig{" + address() + ", timeout=" + timeout + " ms, database=" + database
                + (password == null ? "" : ", password set") + "}";
    }

    /** Builds a {@link JedisPoolConfig}; every setting starts at Redis's default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int timeout = DEFAULT_TIMEOUT;
        private int database = DEFAULT_DATABASE;
        private String password;

        public Builder setHost(String host) {
            this.host = host;
            return this;
        }

        public Builder setPort(int port) {
            this.port = port;
            return this;
        }

        /** The connect and read timeout, in ms. */
        public Builder setTimeout(int timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder setDatabase(int database) {
            this.database = database;
            return this;
        }

        public Builder setPassword(String password) {
            this.password = password;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is out of range */
        public JedisPoolConfig build() {
            return new JedisPoolConfig(host, port, timeout, password, database);
        }
    }
}
