package io.squall.metrics.aggregate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.metrics.builtin.Snapshots;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics calls of a {@link NimbusClient}, typed: {@code NimbusClient} itself carries them as JSON, so that
 * the public packages do not name the metrics types (which read the kernel, which implements the public API).
 * Stateless and thread-safe.
 */
public final class MetricsClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsClient() {
    }

    /**
     * What Nimbus answers a worker's metrics report.
     *
     * @param taps         the stream taps the worker must keep open: {@code component}, {@code stream},
     *                     {@code maxPerSec} each
     * @param stateQueries the state queries it must answer: {@code id}, {@code component} and, unless sizes alone
     *                     are asked for, {@code key} each
     * @param logLevels    the log levels set on its topology, by logger: {@code level} and {@code untilMs} (0: until
     *                     reset)
     * @param profile      the profiling and debugging actions asked of it: {@code action} each, and {@code untilMs}
     *                     for a recording
     * @param debug        the components debugged, with their sampling percentage ({@code ""}: the whole topology)
     */
    public record ReportAnswer(List<Map<String, Object>> taps, List<Map<String, Object>> stateQueries,
                               Map<String, Map<String, Object>> logLevels, List<Map<String, Object>> profile,
                               Map<String, Double> debug) { }

    /** Sends a worker's snapshot to the leader Nimbus and returns what Nimbus answers. */
    public static ReportAnswer report(NimbusClient nimbus, Snapshots.Worker snapshot) throws IOException {
        Map<String, Object> answer = nimbus.reportMetrics(JSON.writeValueAsBytes(snapshot));
        Map<String, Map<String, Object>> levels = new LinkedHashMap<>();
        if (answer.get("logLevels") instanceof Map<?, ?> m) {
            m.forEach((logger, setting) -> {
                if (setting instanceof Map<?, ?> fields) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    fields.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    levels.put(String.valueOf(logger), copy);
                }
            });
        }
        Map<String, Double> debug = new LinkedHashMap<>();
        if (answer.get("debug") instanceof Map<?, ?> m) {
            m.forEach((component, percent) -> {
                if (percent instanceof Number n) {
                    debug.put(String.valueOf(component), n.doubleValue());
                }
            });
        }
        return new ReportAnswer(objects(answer.get("taps")), objects(answer.get("stateQueries")), levels,
                objects(answer.get("profile")), debug);
    }

    /** The JSON objects of a list, as maps; anything else is skipped. */
    private static List<Map<String, Object>> objects(Object list) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    out.add(copy);
                }
            }
        }
        return out;
    }

    /**
     * A topology's aggregated metrics over a window ({@code 10m}, {@code 3h}, {@code 1d}, {@code all}), or null
     * before its workers first reported.
     */
    public static TopologyMetrics topologyMetrics(NimbusClient nimbus, String name, String window)
            throws IOException {
        return JSON.readValue(nimbus.readTopologyMetrics(name, window), TopologyMetrics.class);
    }

    /** The latest metrics snapshot of each of a topology's workers. */
    public static List<Snapshots.Worker> snapshots(NimbusClient nimbus, String name) throws IOException {
        return JSON.readValue(nimbus.readSnapshots(name), new TypeReference<>() { });
    }
}
