package io.squall.runtime.state;

import io.squall.state.QueryableKeyValueState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the committed state of a component's stateful tasks that run in this JVM ({@link QueryableStates}), for the
 * dashboard's state queries: in local mode the dashboard asks it directly, on a cluster each worker that runs tasks
 * of the component asks it and sends the answer to Nimbus. Any thread; reads see the last commit only.
 */
public final class StateQuery {
    /**
     * What this JVM's tasks of a component hold.
     *
     * @param sizes each task's number of committed keys, by task id; empty when no task here has queryable state
     * @param task  the task whose state holds the key asked for, or null (no key asked, or no task here has it)
     * @param value the key's committed value, or null
     */
    public record Answer(Map<Integer, Long> sizes, Integer task, Object value) {
        /** An answer; {@code sizes} is copied. */
        public Answer {
            sizes = new TreeMap<>(sizes);
        }

        /** Whether no task here has queryable state of the component. */
        public boolean isEmpty() {
            return sizes.isEmpty();
        }

        /** The answers of several JVMs (the workers of a cluster) as one: their tasks, and the value one found. */
        public static Answer merge(Collection<Answer> answers) {
            Map<Integer, Long> sizes = new TreeMap<>();
            Integer task = null;
            Object value = null;
            for (Answer a : answers) {
                sizes.putAll(a.sizes());
                if (value == null && a.value() != null) {
                    task = a.task();
                    value = a.value();
                }
            }
            return new Answer(sizes, task, value);
        }

        /**
         * The dashboard's JSON answer: with a key, {@code {"component", "key", "value", "task"}} ({@code value} null
         * and no {@code task} when no task holds it); without, {@code {"component", "tasks": [{"task", "size"}]}}.
         */
        public Map<String, Object> json(String component, String key) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("component", component);
            if (key == null) {
                List<Map<String, Object>> tasks = new ArrayList<>();
                sizes.forEach((t, size) -> tasks.add(Map.of("task", t, "size", size)));
                out.put("tasks", tasks);
                return out;
            }
            out.put("key", key);
            out.put("value", value);
            if (task != null) {
                out.put("task", task);
            }
            return out;
        }
    }

    private StateQuery() {
    }

    /** What a query on a component none of whose tasks has queryable state is told. */
    public static String noQueryableState(String topology, String component) {
        return "Component '" + component + "' of '" + topology + "' has no queryable state: it is not a stateful "
                + "bolt, its state is not initialized yet, or its provider cannot be read while it runs";
    }

    /**
     * Reads {@code key} (null for the sizes alone) in the committed state of the tasks of {@code component} of
     * {@code topology} that run here. A key is text: it is looked up as a string, then, if it reads as a whole
     * number, as a {@code Long} and an {@code Integer}, so numeric keys can be asked for too.
     */
    public static Answer ask(String topology, String component, String key) {
        Map<Integer, QueryableKeyValueState<?, ?>> tasks = QueryableStates.of(topology, component);
        Map<Integer, Long> sizes = new TreeMap<>();
        Integer holder = null;
        Object value = null;
        for (Map.Entry<Integer, QueryableKeyValueState<?, ?>> e : tasks.entrySet()) {
            sizes.put(e.getKey(), e.getValue().committedSize());
            if (key != null && value == null) {
                value = committedValue(e.getValue(), key);
                holder = value == null ? null : e.getKey();
            }
        }
        return new Answer(sizes, holder, value);
    }

    /** The value of a key given as text: as a string, else as a whole number. */
    @SuppressWarnings("unchecked")
    private static Object committedValue(QueryableKeyValueState<?, ?> state, String key) {
        QueryableKeyValueState<Object, ?> s = (QueryableKeyValueState<Object, ?>) state;
        Object v = s.committedValue(key);
        if (v == null && key.matches("-?\\d{1,18}")) {
            v = s.committedValue(Long.parseLong(key));
            if (v == null && key.matches("-?\\d{1,9}")) {
                v = s.committedValue(Integer.parseInt(key));
            }
        }
        return v;
    }
}
