package io.squall.daemon.nimbus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.metrics.aggregate.MetricsAggregator;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The metrics workers report to Nimbus: each worker POSTs its {@link Snapshots.Worker snapshot} as JSON
 * every {@code topology.metrics.snapshot.interval.secs}; they are checked here and fed to one
 * {@link MetricsAggregator}, which keeps the 10 minute, 3 hour, 1 day and all-time windows per topology and
 * component. A removed topology is forgotten. In memory: a new leader starts its windows afresh.
 * Thread-safe.
 */
final class NimbusMetrics {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** The record fields a snapshot may leave null. */
    private static final Set<String> NULLABLE = Set.of("Backpressure.lastFirstQueue", "Error.message");

    private final MetricsAggregator aggregator = new MetricsAggregator();

    /**
     * Reads a worker's snapshot from a request body.
     *
     * @throws NimbusException 400 naming what is malformed or missing
     */
    static Snapshots.Worker parse(byte[] body) {
        Snapshots.Worker s;
        try {
            s = JSON.readValue(body, Snapshots.Worker.class);
        } catch (JsonMappingException e) {
            StringBuilder at = new StringBuilder("snapshot");
            for (JsonMappingException.Reference r : e.getPath()) {
                at.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            throw new NimbusException(400, "The body is not a worker metrics snapshot: at '" + at + "': "
                    + e.getOriginalMessage().lines().findFirst().orElse("").replaceFirst(" \\(set .*", ""));
        } catch (IOException e) {
            throw new NimbusException(400, "The body is not a worker metrics snapshot: " + e.getMessage()
                    .lines().findFirst().orElse(""));
        }
        requireComplete(s, "snapshot");
        return s;
    }

    /** Fails naming the first field missing at any depth of a snapshot. */
    private static void requireComplete(Object value, String path) {
        if (value == null) {
            throw new NimbusException(400, "The worker metrics snapshot has no '" + path + "'");
        }
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object field;
                try {
                    field = c.getAccessor().invoke(r);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("Cannot read " + c, e);
                }
                if (field != null || !NULLABLE.contains(r.getClass().getSimpleName() + "." + c.getName())) {
                    requireComplete(field, path + "." + c.getName());
                }
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                requireComplete(l.get(i), path + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> requireComplete(v, path + "." + k));
        }
    }

    /**
     * Adds a snapshot if {@code known} says its topology runs; checked under the same lock as
     * {@link #forget}, so a late report cannot bring back a forgotten topology.
     *
     * @throws NimbusException 404 if the topology is not running
     */
    synchronized void record(Snapshots.Worker s, Predicate<Snapshots.Worker> known) {
        if (!known.test(s)) {
            throw new NimbusException(404, "No topology '" + s.topology() + "' with id '" + s.topologyId()
                    + "' is running; its worker's metrics are not kept");
        }
        aggregator.record(s);
    }

    /** Forgets a topology's metrics (it was removed). */
    synchronized void forget(String topology) {
        aggregator.forget(topology);
    }

    /** Forgets the snapshots of a topology's workers that are no longer among {@code workers}. */
    void retainWorkers(String topology, Set<String> workers) {
        aggregator.retainWorkers(topology, workers);
    }

    /** A topology's figures over {@code window}, or null if no worker of it has reported yet. */
    TopologyMetrics view(String topology, Window window) {
        return aggregator.view(topology, window);
    }

    /** The latest snapshot of each of a topology's workers. */
    List<Snapshots.Worker> latest(String topology) {
        return aggregator.latest(topology);
    }
}
