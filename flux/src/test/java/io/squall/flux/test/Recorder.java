package io.squall.flux.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where the test bolts put what they receive, by a name their YAML gives them; local mode shares this JVM. */
public final class Recorder {
    private static final Map<String, List<List<Object>>> RECORDS = new ConcurrentHashMap<>();

    private Recorder() {
    }

    /** Adds a tuple's values under {@code name}. */
    public static void record(String name, List<Object> values) {
        RECORDS.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(List.copyOf(values));
    }

    /** A snapshot of what was recorded under {@code name}. */
    public static List<List<Object>> get(String name) {
        return List.copyOf(RECORDS.getOrDefault(name, List.of()));
    }

    /** Forgets {@code name}. */
    public static void clear(String name) {
        RECORDS.remove(name);
    }
}
