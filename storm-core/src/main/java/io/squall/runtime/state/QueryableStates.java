package io.squall.runtime.state;

import io.squall.state.QueryableKeyValueState;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queryable states of the stateful tasks running in this JVM, by topology name, component and task, for
 * the dashboard's state queries. Tasks register when their state is initialized and leave when they stop.
 * Thread-safe.
 */
public final class QueryableStates {
    private static final Map<String, Map<Integer, QueryableKeyValueState<?, ?>>> BY_COMPONENT =
            new ConcurrentHashMap<>();

    private QueryableStates() {
    }

    static void register(String topology, String component, int task, QueryableKeyValueState<?, ?> state) {
        BY_COMPONENT.computeIfAbsent(topology + "/" + component, k -> new ConcurrentHashMap<>()).put(task, state);
    }

    public static void unregister(String topology, String component, int task) {
        Map<Integer, QueryableKeyValueState<?, ?>> tasks = BY_COMPONENT.get(topology + "/" + component);
        if (tasks != null) {
            tasks.remove(task);
        }
    }

    /** The queryable states of a component's tasks running here, by task id; empty when there are none. */
    public static Map<Integer, QueryableKeyValueState<?, ?>> of(String topology, String component) {
        return new TreeMap<>(BY_COMPONENT.getOrDefault(topology + "/" + component, Map.of()));
    }
}
