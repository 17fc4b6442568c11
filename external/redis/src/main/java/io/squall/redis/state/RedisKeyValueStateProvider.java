package io.squall.redis.state;

import io.squall.Config;
import io.squall.redis.common.SharedRedisClients;
import io.squall.state.State;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Makes {@link RedisKeyValueState}s: name it in {@code topology.state.provider} and configure it with the JSON of
 * Storm's storm-redis in {@code topology.state.provider.config} (see {@link RedisStateConfig}). Each state gets
 * a lease on the one client (a pool of up to 8 connections) that the JVM shares for its server and settings.
 *
 * <p>A namespace is the topology's: its Redis keys are {@code NAME:namespace}, {@code NAME} being
 * {@code topology.name}, so topologies that share a Redis (and have components of the same names, or their
 * checkpoint spouts' {@code $checkpointspout}) keep their states apart, as RocksDB keeps a directory per
 * topology. A configuration without {@code topology.name} (a state opened outside a topology) uses the namespace
 * as it is.
 */
public class RedisKeyValueStateProvider implements StateProvider {
    /**
     * {@inheritDoc}
     *
     * @throws io.squall.config.InvalidConfigException               if the provider config is malformed
     * @throws io.squall.redis.common.RedisUnavailableException if Redis does not answer, naming host:port
     */
    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        RedisStateConfig config = RedisStateConfig.parse(topoConf.get(RedisStateConfig.CONFIG_KEY), topoConf);
        return open(redisNamespace(namespace, topoConf), config);
    }

    /** The name of {@code namespace}'s keys in Redis: prefixed with the topology's name, when there is one. */
    public static String redisNamespace(String namespace, Map<String, Object> topoConf) {
        Object topology = topoConf.get(Config.TOPOLOGY_NAME);
        return topology == null ? namespace : topology + ":" + namespace;
    }

    /**
     * The state of {@code namespace} in the Redis that {@code config} names, on the client this JVM shares for
     * that server ({@link SharedRedisClients}); closing the state releases its lease.
     */
    public static RedisKeyValueState<Object, Object> open(String namespace, RedisStateConfig config) {
        SharedRedisClients.Lease lease = SharedRedisClients.lease(config.jedisPoolConfig(),
                RedisStateConfig.CONFIG_KEY + " jedisPoolConfig");
        try {
            return new RedisKeyValueState<>(namespace, lease.client(), config.jedisPoolConfig().address(), lease,
                    config.keySerializer(), config.valueSerializer());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }
}
