package io.squall.redis.common;

import io.squall.redis.common.config.JedisPoolConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;

/** Opens Jedis clients (each with its own small connection pool) from a {@link JedisPoolConfig}. */
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
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        if (config.getTimeout() > 0) {
            // A caller waits for a free connection at most as long as for a reply, so a pool whose connections
            // are all taken (by callers stuck on a dead server) fails the call, which is retried, and never blocks
            // an executor for ever.
            pool.setMaxWait(Duration.ofMillis(config.getTimeout()));
        }
        return RedisClient.builder()
                .hostAndPort(config.getHost(), config.getPort())
                .clientConfig(clientConfig(config))
                .poolConfig(pool)
                .build();
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
