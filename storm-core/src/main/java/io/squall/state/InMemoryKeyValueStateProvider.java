package io.squall.state;

import io.squall.Config;
import io.squall.task.TopologyContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link StateProvider}: {@link InMemoryKeyValueState}s kept for the life of the JVM by topology
 * name and namespace, so a task restarted in the same JVM finds its committed state again. Takes no
 * configuration.
 */
public class InMemoryKeyValueStateProvider implements StateProvider {
    private static final Map<String, InMemoryKeyValueState<?, ?>> STATES = new ConcurrentHashMap<>();

    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        return STATES.computeIfAbsent(key(topoConf, namespace),
                k -> new InMemoryKeyValueState<>(new DefaultStateSerializer<>(topoConf, List.of()), namespace));
    }

    /**
     * The state a topology keeps under {@code namespace} in this JVM, or null if none was made: for tests and
     * for reading state after a run.
     */
    public static InMemoryKeyValueState<?, ?> existing(String topologyName, String namespace) {
        return STATES.get(topologyName + "/" + namespace);
    }

    /** Forgets every state a topology made in this JVM. */
    public static void clear(String topologyName) {
        STATES.keySet().removeIf(k -> k.startsWith(topologyName + "/"));
    }

    private static String key(Map<String, Object> topoConf, String namespace) {
        Object name = topoConf == null ? null : topoConf.get(Config.TOPOLOGY_NAME);
        return (name == null ? "" : name) + "/" + namespace;
    }
}
