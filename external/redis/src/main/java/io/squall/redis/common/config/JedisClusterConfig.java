package io.squall.redis.common.config;

import redis.clients.jedis.HostAndPort;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a Redis Cluster is and how to talk to it, as Storm's storm-redis {@code JedisClusterConfig}: some of its
 * nodes (the client learns the others and which node serves which hash slot from them), the connect and read
 * timeout in ms, how many times a command follows a MOVED or ASK redirection or retries after a failure, and the
 * password. Immutable and serializable, so it travels inside a bolt or a state factory; build it with
 * {@link Builder}.
 */
public final class JedisClusterConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The connect and read timeout when none is given, in ms. */
    public static final int DEFAULT_TIMEOUT = 2000;
    /** How many attempts a command gets when none is given. */
    public static final int DEFAULT_MAX_REDIRECTIONS = 5;

    private final Set<InetSocketAddress> nodes;
    private final int timeout;
    private final int maxRedirections;
    private final String password;

    /** A cluster with one node on Redis's default address, localhost:6379, as Storm's no-argument constructor. */
    public JedisClusterConfig() {
        this(Set.of(InetSocketAddress.createUnresolved("localhost", 6379)), DEFAULT_TIMEOUT, DEFAULT_MAX_REDIRECTIONS,
                null);
    }

    /** A cluster reached through {@code nodes}, without a password. */
    public JedisClusterConfig(Set<InetSocketAddress> nodes, int timeout, int maxRedirections) {
        this(nodes, timeout, maxRedirections, null);
    }

    /**
     * @param nodes           some of the cluster's nodes (one is enough when it answers; more, when some may be down)
     * @param timeout         the connect and read timeout, in ms (0: wait forever)
     * @param maxRedirections how many attempts a command gets, 1 or more
     * @param password        the password, or null when the cluster asks for none
     * @throws IllegalArgumentException naming the value that is missing or out of range
     */
    public JedisClusterConfig(Set<InetSocketAddress> nodes, int timeout, int maxRedirections, String password) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("JedisClusterConfig has no nodes: give at least one with "
                    + "new JedisClusterConfig.Builder().setNodes(Set.of(new InetSocketAddress(host, port)))");
        }
        for (InetSocketAddress node : nodes) {
            if (node == null || node.getPort() < 1) {
                throw new IllegalArgumentException("JedisClusterConfig node " + node + " has no port: give each node "
                        + "as new InetSocketAddress(host, port)");
            }
        }
        if (timeout < 0) {
            throw new IllegalArgumentException("Redis timeout " + timeout
                    + " ms is negative: give 0 (no timeout) or more");
        }
        if (maxRedirections < 1) {
            throw new IllegalArgumentException("JedisClusterConfig maxRedirections " + maxRedirections
                    + " is below 1: a command needs at least one attempt");
        }
        this.nodes = Collections.unmodifiableSet(new LinkedHashSet<>(nodes));
        this.timeout = timeout;
        this.maxRedirections = maxRedirections;
        this.password = password;
    }

    /** The configured nodes, as Jedis addresses. */
    public Set<HostAndPort> getNodes() {
        Set<HostAndPort> out = new LinkedHashSet<>();
        for (InetSocketAddress node : nodes) {
            out.add(new HostAndPort(node.getHostString(), node.getPort()));
        }
        return out;
    }

    /** The connect and read timeout, in ms. */
    public int getTimeout() {
        return timeout;
    }

    /** How many attempts a command gets (redirections and retries after a failure). */
    public int getMaxRedirections() {
        return maxRedirections;
    }

    /** The password, or null. */
    public String getPassword() {
        return password;
    }

    /** The nodes as {@code host:port,host:port}, for messages. */
    public String addresses() {
        return nodes.stream().map(n -> n.getHostString() + ":" + n.getPort()).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JedisClusterConfig c && c.nodes.equals(nodes) && c.timeout == timeout
                && c.maxRedirections == maxRedirections && Objects.equals(c.password, password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, timeout, maxRedirections, password);
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "JedisClusterConfig{" + addresses() + ", timeout=" + timeout + " ms, maxRedirections="
                + maxRedirections + (password == null ? "" : ", password set") + "}";
    }

    /** Builds a {@link JedisClusterConfig}; the timeout and redirections start at their defaults. */
    public static final class Builder {
        private Set<InetSocketAddress> nodes;
        private int timeout = DEFAULT_TIMEOUT;
        private int maxRedirections = DEFAULT_MAX_REDIRECTIONS;
        private String password;

        /** Some of the cluster's nodes; required. */
        public Builder setNodes(Set<InetSocketAddress> nodes) {
            this.nodes = nodes;
            return this;
        }

        /** The connect and read timeout, in ms. */
        public Builder setTimeout(int timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder setMaxRedirections(int maxRedirections) {
            this.maxRedirections = maxRedirections;
            return this;
        }

        public Builder setPassword(String password) {
            this.password = password;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is missing or out of range */
        public JedisClusterConfig build() {
            return new JedisClusterConfig(nodes, timeout, maxRedirections, password);
        }
    }
}
