package io.squall.redis.state;

import io.squall.redis.common.SharedRedisClients;
import io.squall.state.State;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;

import java.util.Map;

/**
 * Makes {@link RedisKeyValueState}s: name it in {@code topology.state.provider} and configure it with the JSON of
 * Storm's storm-redis in {@code topology.state.provider.config} (see {@link RedisStateConfig}). Each state gets
 * a lease on the one client (a pool of up to 8 connections) that the JVM shares for its server and settings.
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
        RedisStateConfig config = RedisStateConfig.parse(topoConf.get(RedisStateConfig.CONFIG_KEY));
        return open(namespace, config);
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
