package io.squall.redis.common;

import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;

/**
 * Opens Jedis clients (each with its own small connection pools) from a {@link JedisPoolConfig} (one server) or a
 * {@link JedisClusterConfig} (a Redis Cluster).
 */
public final class RedisClients {
    private RedisClients() {
    }

    /**
     * A client of the server {@code config} names, checked with a PING so that a wrong address or a server that
     * is down shows at once rather than at the first command.
     *
     * @param configuredBy where {@code config} came from, for the message (such as "the Redis state provider's
     *                     jedisPoolConfig")
     * @throws RedisUnavailableException naming the server and what to do when it does not answer
     */
    public static RedisClient connect(JedisPoolConfig config, String configuredBy) {
        RedisClient redis = open(config);
        try {
            redis.ping();
            return redis;
        } catch (JedisException e) {
            redis.close();
            throw new RedisUnavailableException("Cannot reach Redis at " + config.address() + " (" + configuredBy
                    + "): " + rootMessage(e) + ". Start Redis there, or correct the host, port, database or "
                    + "password in " + configuredBy + ".", e);
        }
    }

    /** A client of the server {@code config} names; it connects at its first command. */
    public static RedisClient open(JedisPoolConfig config) {
        return RedisClient.builder()
                .hostAndPort(config.getHost(), config.getPort())
                .clientConfig(clientConfig(config))
                .poolConfig(pool(config.getTimeout()))
                .build();
    }

    /**
     * A client of the Redis Cluster {@code config} names. It asks the configured nodes which node serves which hash
     * slot, so at least one of them must answer now; it follows MOVED and ASK redirections, and learns the cluster's
     * layout again when it changes.
     *
     * @param configuredBy where {@code config} came from, for the message
     * @throws RedisUnavailableException naming the nodes and what to do when none of them answers
     */
    public static RedisClusterClient connectCluster(JedisClusterConfig config, String configuredBy) {
        try {
            return RedisClusterClient.builder()
                    .nodes(config.getNodes())
                    .clientConfig(clusterClientConfig(config))
                    .maxAttempts(config.getMaxRedirections())
                    .poolConfig(pool(config.getTimeout()))
                    .build();
        } catch (JedisException e) {
            throw clusterUnavailable(config, configuredBy, e);
        }
    }

    /**
     * As {@link #connectCluster}, as the {@code JedisCluster} storm-redis's API lends (Jedis keeps it, deprecated,
     * for such code); it speaks RESP2.
     */
    @SuppressWarnings("deprecation")
    public static JedisCluster connectJedisCluster(JedisClusterConfig config, String configuredBy) {
        try {
            DefaultJedisClientConfig client = clusterClientConfigBuilder(config).protocol(RedisProtocol.RESP2).build();
            return new JedisCluster(config.getNodes(), client, config.getMaxRedirections(),
                    pool(config.getTimeout()));
        } catch (JedisException e) {
            throw clusterUnavailable(config, configuredBy, e);
        }
    }

    private static RedisUnavailableException clusterUnavailable(JedisClusterConfig config, String configuredBy,
                                                                JedisException e) {
        return new RedisUnavailableException("Cannot reach the Redis cluster at " + config.addresses() + " ("
                + configuredBy + "): " + rootMessage(e).replaceAll("\\.+$", "")
                + ". Start its nodes, or correct the nodes or password in "
                + configuredBy + ".", e);
    }

    /**
     * A pool whose callers wait for a free connection at most as long as for a reply, so a pool whose connections
     * are all taken (by callers stuck on a dead server) fails the call, which is retried, and never blocks an
     * executor for ever.
     */
    private static ConnectionPoolConfig pool(int timeoutMs) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        if (timeoutMs > 0) {
            pool.setMaxWait(Duration.ofMillis(timeoutMs));
        }
        return pool;
    }

    private static DefaultJedisClientConfig clusterClientConfig(JedisClusterConfig config) {
        return clusterClientConfigBuilder(config).build();
    }

    private static DefaultJedisClientConfig.Builder clusterClientConfigBuilder(JedisClusterConfig config) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .timeoutMillis(config.getTimeout())
                .clientName("squall");
        if (config.getPassword() != null) {
            client.password(config.getPassword());
        }
        return client;
    }

    /** How a connection to the server {@code config} names is made: timeout, database, password, client name. */
    public static DefaultJedisClientConfig clientConfig(JedisPoolConfig config) {
        return clientConfigBuilder(config).build();
    }

    /**
     * As {@link #clientConfig}, for a plain {@code Jedis} connection (what storm-redis's API lends): it speaks RESP2,
     * which is all a {@code Jedis} reads, without the negotiation it warns about.
     */
    public static DefaultJedisClientConfig jedisConfig(JedisPoolConfig config) {
        return clientConfigBuilder(config).protocol(RedisProtocol.RESP2).build();
    }

    private static DefaultJedisClientConfig.Builder clientConfigBuilder(JedisPoolConfig config) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .timeoutMillis(config.getTimeout())
                .database(config.getDatabase())
                .clientName("squall");
        if (config.getPassword() != null) {
            client.password(config.getPassword());
        }
        return client;
    }

    /** The message of the innermost cause, which says what actually failed (such as "Connection refused"). */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }
}
