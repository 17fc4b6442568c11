package io.squall.metrics.aggregate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.metrics.builtin.Snapshots;
import io.squall.utils.NimbusClient;

import java.io.IOException;
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
     * Sends a worker's snapshot to the leader Nimbus and returns the stream taps the worker must keep open
     * ({@code component}, {@code stream}, {@code maxPerSec} each).
     */
    public static List<Map<String, Object>> report(NimbusClient nimbus, Snapshots.Worker snapshot)
            throws IOException {
        return nimbus.reportMetrics(JSON.writeValueAsBytes(snapshot));
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
