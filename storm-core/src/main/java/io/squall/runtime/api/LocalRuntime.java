package io.squall.runtime.api;

import io.squall.topology.StormTopology;
import io.squall.utils.Clock;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * What a {@code LocalCluster} runs its topologies on: workers in this JVM with their metrics and reporters, one
 * per local cluster. The public packages reach it only through this interface; the implementation registers
 * a {@link Provider} in {@code META-INF/services}. Thread-safe.
 */
public interface LocalRuntime extends AutoCloseable {
    /**
     * What to start.
     *
     * @param name              the topology's name
     * @param topologyId        the id of this run
     * @param conf              the topology's configuration (validated when started)
     * @param loader            the class loader of the topology's code
     * @param executorOverrides executors per component where a rebalance changed them
     * @param codeDir           where the topology's {@code resources/} were extracted, or null
     * @param credentials       the topology's credentials, which its tasks are given before they open
     */
    record Launch(String name, String topologyId, StormTopology topology, Map<String, Object> conf,
                  ClassLoader loader, Map<String, Integer> executorOverrides, Path codeDir,
                  Map<String, String> credentials) {
        /** A launch; the maps are copied (the configuration may hold nulls). */
        public Launch {
            conf = Collections.unmodifiableMap(new HashMap<>(conf));
            executorOverrides = Map.copyOf(executorOverrides);
            credentials = credentials == null ? Map.of() : Map.copyOf(checkCredentials(credentials));
        }

        /** A launch without credentials. */
        public Launch(String name, String topologyId, StormTopology topology, Map<String, Object> conf,
                      ClassLoader loader, Map<String, Integer> executorOverrides, Path codeDir) {
            this(name, topologyId, topology, conf, loader, executorOverrides, codeDir, Map.of());
        }

        /** This launch with {@code credentials} instead of its own. */
        public Launch withCredentials(Map<String, String> credentials) {
            return new Launch(name, topologyId, topology, conf, loader, executorOverrides, codeDir, credentials);
        }
    }

    /**
     * {@code credentials} itself once checked.
     *
     * @throws IllegalArgumentException for a null key or value
     */
    static Map<String, String> checkCredentials(Map<String, String> credentials) {
        credentials.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("Credentials take no null key or value (key " + k + ")");
            }
        });
        return credentials;
    }

    /**
     * Validates a topology and starts it: in one worker, or in {@code topology.workers} workers whose tuples
     * cross a serialization boundary as on a cluster. Its metrics are collected from now on.
     *
     * @param activate  whether the spouts may emit at once
     * @param onFailure called once, from another thread, when a fatal error stops the topology
     */
    LocalTopologyRuntime start(Launch launch, boolean activate, Consumer<Throwable> onFailure);

    /**
     * This runtime's implementation object of type {@code type} (its metrics collector), for the daemons and
     * tests that read more than the public API shows.
     *
     * @throws IllegalArgumentException if it has none of that type
     */
    <T> T unwrap(Class<T> type);

    /** Stops collecting metrics; the topologies must have been shut down. */
    @Override
    void close();

    /** Makes local runtimes; the service that the kernel's side registers. */
    interface Provider {
        /** A runtime whose topologies read time from {@code clock}. */
        LocalRuntime open(Clock clock);
    }

    /** A new runtime from the provider on the class path, on {@code clock}. */
    static LocalRuntime open(Clock clock) {
        return ServiceLoader.load(Provider.class, Provider.class.getClassLoader()).findFirst().orElseThrow(() ->
                new IllegalStateException("No Squall local runtime on the class path: add squall-core")).open(clock);
    }
}
