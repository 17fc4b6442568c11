package io.squall.redis.trident.state;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import redis.clients.jedis.JedisCluster;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A Trident state that is a client of a Redis Cluster, as storm-redis's: {@link RedisClusterStateUpdater} writes a
 * batch's tuples into it ({@code partitionPersist}) and {@link RedisClusterStateQuerier} reads them
 * ({@code stateQuery}). It keeps no transaction ids, so a replayed batch writes its values again. A custom updater or
 * query function takes the client with {@link #getJedisCluster}. The client is storm-redis's {@code JedisCluster},
 * which Jedis keeps (deprecated) for such code; each task has its own, made at the first use, so a cluster that is
 * down at start fails the first batches (Trident replays them) instead of the worker.
 */
@SuppressWarnings("deprecation")
public class RedisClusterState implements State, AutoCloseable {
    private final Supplier<JedisCluster> connect;
    private JedisCluster jedisCluster;

    /** A state that uses {@code jedisCluster}. */
    public RedisClusterState(JedisCluster jedisCluster) {
        this(() -> jedisCluster);
        this.jedisCluster = jedisCluster;
    }

    private RedisClusterState(Supplier<JedisCluster> connect) {
        this.connect = connect;
    }

    /** Nothing to do: the updater's writes are not transactional. */
    @Override
    public void beginCommit(Long txid) {
    }

    /** Nothing to do: the updater's writes are not transactional. */
    @Override
    public void commit(Long txid) {
    }

    /**
     * The cluster's client, made at the first call.
     *
     * @throws io.squall.redis.common.RedisUnavailableException when none of the configured nodes answers (the batch
     *                                                          fails and is replayed; the next call tries again)
     */
    public JedisCluster getJedisCluster() {
        if (jedisCluster == null) {
            jedisCluster = connect.get();
        }
        return jedisCluster;
    }

    /** Kept for Storm's API: the client returns its connections to its pools itself. */
    public void returnJedisCluster(JedisCluster jedisCluster) {
    }

    @Override
    public void close() {
        if (jedisCluster != null) {
            jedisCluster.close();
            jedisCluster = null;
        }
    }

    /** Makes a task's state: a client of the cluster {@code config} names, made at the first use. */
    public static class Factory implements StateFactory {
        private static final long serialVersionUID = 1L;

        private final JedisClusterConfig config;

        /** The cluster {@code config} names. */
        public Factory(JedisClusterConfig config) {
            if (config == null) {
                throw new IllegalArgumentException("RedisClusterState.Factory needs a JedisClusterConfig");
            }
            this.config = config;
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new RedisClusterState(() -> RedisClients.connectJedisCluster(config,
                    "the JedisClusterConfig of a RedisClusterState"));
        }
    }
}
