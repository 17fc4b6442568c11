package io.squall.redis.common.container;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.config.JedisClusterConfig;
import io.squall.redis.common.config.JedisPoolConfig;
import redis.clients.jedis.UnifiedJedis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Makes {@link JedisCommandsContainer}s, as Storm's builder: over one server's pool or over a Redis Cluster. */
public final class JedisCommandsContainerBuilder {
    private JedisCommandsContainerBuilder() {
    }

    /**
     * A container over a pool of connections to the server of {@code config}; closing it closes the pool.
     *
     * @throws io.squall.redis.common.RedisUnavailableException if the server does not answer, naming it
     */
    public static JedisCommandsContainer build(JedisPoolConfig config) {
        return of(RedisClients.connect(config, "a JedisCommandsContainer"), true);
    }

    /**
     * A container over the Redis Cluster of {@code config}; closing it closes the cluster client.
     *
     * @throws io.squall.redis.common.RedisUnavailableException if no node answers, naming them
     */
    public static JedisCommandsContainer build(JedisClusterConfig config) {
        return of(RedisClients.connectCluster(config, "a JedisCommandsContainer"), true);
    }

    /**
     * {@code client} as a container: every command goes to it; {@code close()} closes it if {@code owns}, else
     * does nothing (the client's owner closes it).
     */
    public static JedisCommandsContainer of(UnifiedJedis client, boolean owns) {
        return (JedisCommandsContainer) Proxy.newProxyInstance(JedisCommandsContainer.class.getClassLoader(),
                new Class<?>[] {JedisCommandsContainer.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return objectMethod(proxy, method, args, client);
                    }
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        if (owns) {
                            client.close();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();     // the command's own exception, as a direct call would throw it
                    }
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, UnifiedJedis client) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "JedisCommandsContainer(" + client + ")";
        };
    }
}
