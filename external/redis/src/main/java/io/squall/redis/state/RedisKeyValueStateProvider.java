package io.squall.redis.state;

import io.squall.redis.common.RedisClients;
import io.squall.state.State;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;
import redis.clients.jedis.RedisClient;

import java.util.Map;

/**
 * Makes {@link RedisKeyValueState}s: name it in {@code topology.state.provider} and configure it with the JSON of
 * Storm's storm-redis in {@code topology.state.provider.config} (see {@link RedisStateConfig}). Each state gets
 * its own client with a small connection pool.
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

    /** The state of {@code namespace} in the Redis that {@code config} names. */
    public static RedisKeyValueState<Object, Object> open(String namespace, RedisStateConfig config) {
        RedisClient client = RedisClients.connect(config.jedisPoolConfig(),
                RedisStateConfig.CONFIG_KEY + " jedisPoolConfig");
        try {
            return new RedisKeyValueState<>(namespace, client, config.jedisPoolConfig().address(), true,
                    config.keySerializer(), config.valueSerializer());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
