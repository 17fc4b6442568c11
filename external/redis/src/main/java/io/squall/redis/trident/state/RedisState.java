package io.squall.redis.trident.state;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

import java.util.Map;

/**
 * A Trident state that is a connection to one Redis server, as storm-redis's: {@link RedisStateUpdater} writes a
 * batch's tuples into it ({@code partitionPersist}) and {@link RedisStateQuerier} reads them ({@code stateQuery}).
 * It keeps no transaction ids, so a replayed batch writes its values again (the same values, for a replay of the
 * same tuples). A custom updater or query function takes the connection with {@link #getJedis} and gives it back
 * with {@link #returnJedis}. Each task has its own state, used on the task's thread: one connection, opened at the
 * first use and again after it broke (a Redis that went away fails the batch, which Trident replays).
 */
public class RedisState implements State, AutoCloseable {
    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private Jedis jedis;

    /** A state that connects to {@code address} as {@code clientConfig} says. */
    public RedisState(HostAndPort address, JedisClientConfig clientConfig) {
        this.address = address;
        this.clientConfig = clientConfig;
    }

    /** Nothing to do: the updater's writes are not transactional. */
    @Override
    public void beginCommit(Long txid) {
    }

    /** Nothing to do: the updater's writes are not transactional. */
    @Override
    public void commit(Long txid) {
    }

    /** The state's connection; give it back with {@link #returnJedis}. */
    public Jedis getJedis() {
        if (jedis == null) {
            jedis = new Jedis(address, clientConfig);
        }
        return jedis;
    }

    /** Gives back the connection {@link #getJedis} lent; a broken one is closed, and the next use opens another. */
    public void returnJedis(Jedis lent) {
        if (lent.isBroken()) {
            lent.close();
            if (lent == jedis) {
                jedis = null;
            }
        }
    }

    @Override
    public void close() {
        if (jedis != null) {
            jedis.close();
            jedis = null;
        }
    }

    /** Makes a task's state: a pool of connections to the server {@code config} names, opened at the first use. */
    public static class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final JedisPoolConfig config;

        /** The server {@code config} names. */
        public Factory(JedisPoolConfig config) {
            if (config == null) {
                throw new IllegalArgumentException("RedisState.Factory needs a JedisPoolConfig");
            }
            this.config = config;
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            HostAndPort address = new HostAndPort(config.getHost(), config.getPort());
            return new RedisState(address, RedisClients.jedisConfig(config));
        }
    }
}
