package io.squall.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.task.TopologyContext;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Makes the {@link State} of a stateful component from the provider the topology names in
 * {@code topology.state.provider} (by default {@link InMemoryKeyValueStateProvider}), as Storm's
 * {@code StateFactory}.
 */
public final class StateFactory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFactory() {
    }

    /**
     * The state saved under {@code namespace}, as of its last commit.
     *
     * @throws IllegalArgumentException naming the provider class when it cannot be loaded or made
     */
    public static State getState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return newProvider(topoConf, loader != null ? loader : StateFactory.class.getClassLoader())
                .newState(namespace, topoConf, context);
    }

    /**
     * Checks the state configuration of a topology before it runs: the provider class loads, is a
     * {@link StateProvider} with a public no-argument constructor, and its configuration is a JSON object.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static void check(Map<String, Object> topoConf, ClassLoader loader) {
        newProvider(topoConf, loader);
        providerConfig(topoConf);
    }

    /**
     * The provider configuration ({@code topology.state.provider.config}, a JSON object in a string) as a map;
     * empty when it is not set.
     *
     * @throws IllegalArgumentException when it is not a JSON object, with the parser's reason
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> providerConfig(Map<String, Object> topoConf) {
        Object raw = topoConf == null ? null : topoConf.get(Config.TOPOLOGY_STATE_PROVIDER_CONFIG);
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        try {
            Object parsed = JSON.readValue(raw.toString(), Object.class);
            if (parsed instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(Config.TOPOLOGY_STATE_PROVIDER_CONFIG + " must be a JSON object such as "
                    + "'{\"dir\": \"state\"}', not " + raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(Config.TOPOLOGY_STATE_PROVIDER_CONFIG + " is not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + raw, e);
        }
    }

    private static StateProvider newProvider(Map<String, Object> topoConf, ClassLoader loader) {
        Object named = topoConf == null ? null : topoConf.get(Config.TOPOLOGY_STATE_PROVIDER);
        String className = named == null ? (String) ConfigKeys.TOPOLOGY_STATE_PROVIDER.defaultValue() : named.toString();
        Class<?> c;
        try {
            c = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(Config.TOPOLOGY_STATE_PROVIDER + " names " + className
                    + ", which is not on the topology's class path (" + e + "); use "
                    + InMemoryKeyValueStateProvider.class.getName() + ", "
                    + "io.squall.state.rocksdb.RocksDbKeyValueStateProvider or your own StateProvider", e);
        }
        if (!StateProvider.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(Config.TOPOLOGY_STATE_PROVIDER + " names " + className
                    + ", which does not implement " + StateProvider.class.getName());
        }
        try {
            return (StateProvider) c.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(Config.TOPOLOGY_STATE_PROVIDER + " names " + className
                    + ", which needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("State provider " + className + " failed in its constructor: "
                    + e.getCause(), e.getCause());
        }
    }
}
