package io.squall.redis.common;

import io.squall.redis.common.config.JedisPoolConfig;
import redis.clients.jedis.RedisClient;

import java.util.HashMap;
import java.util.Map;

/**
 * One Redis client per server and settings ({@link JedisPoolConfig}: host, port, database, password, timeout) in a
 * JVM, shared by whoever leases it. A keyed stateful bolt opens a state and an applied log per key group (256 per
 * task with 128 groups): each with its own client they would hold hundreds of connections per worker; sharing one
 * client, a worker holds at most its pool's connections (8) per server, and a group's state and its log go through
 * the same pool. The client is made (and checked with a PING) by the first lease and closed with the last.
 *
 * <p>Thread-safe: leases are taken and released under this class's lock; the client itself is thread-safe.
 */
public final class SharedRedisClients {
    private static final Map<JedisPoolConfig, Shared> CLIENTS = new HashMap<>();

    private SharedRedisClients() {
    }

    /** A client and how many leases hold it. Guarded by the class lock. */
    private static final class Shared {
        final RedisClient client;
        int leases;

        Shared(RedisClient client) {
            this.client = client;
        }
    }

    /** A hold on a shared client: {@link #close} releases it, once. Not thread-safe; one owner. */
    public static final class Lease implements AutoCloseable {
        private final JedisPoolConfig config;
        private final RedisClient client;
        private boolean released;

        private Lease(JedisPoolConfig config, RedisClient client) {
            this.config = config;
            this.client = client;
        }

        /** The shared client; do not close it, close the lease. */
        public RedisClient client() {
            return client;
        }

        /** Releases the lease; the last one closes the client. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                release(config);
            }
        }
    }

    /**
     * Leases the client of the server {@code config} names, making it (checked with a PING) if no lease holds one.
     *
     * @param configuredBy where {@code config} came from, for the message when Redis does not answer
     * @throws RedisUnavailableException naming the server and what to do when a new client gets no answer
     */
    public static synchronized Lease lease(JedisPoolConfig config, String configuredBy) {
        Shared s = CLIENTS.get(config);
        if (s == null) {
            s = new Shared(RedisClients.connect(config, configuredBy));
            CLIENTS.put(config, s);
        }
        s.leases++;
        return new Lease(config, s.client);
    }

    /** How many leases hold the client of {@code config} (0 when there is none). */
    public static synchronized int leases(JedisPoolConfig config) {
        Shared s = CLIENTS.get(config);
        return s == null ? 0 : s.leases;
    }

    private static synchronized void release(JedisPoolConfig config) {
        Shared s = CLIENTS.get(config);
        if (s != null && --s.leases == 0) {
            CLIENTS.remove(config);
            s.client.close();
        }
    }
}
