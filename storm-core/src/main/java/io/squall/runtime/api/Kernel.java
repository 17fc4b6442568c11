package io.squall.runtime.api;

import io.squall.topology.IRichBolt;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.IWindowedBolt;
import io.squall.topology.StormTopology;
import io.squall.utils.Clock;
import io.squall.utils.ManualClock;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Starts topologies in this JVM. The public packages reach the runtime only through this service, which the
 * kernel registers in {@code META-INF/services}; {@link #get()} finds it.
 */
public interface Kernel {
    /**
     * Validates a topology and starts its executors, each on its own thread.
     *
     * @param topologyId the id of this run
     * @param conf       the topology's configuration (validated here)
     * @param clock      the time source of every timer, timeout, tick, window and latency
     * @param activate   whether the spouts may emit at once
     * @param onFailure  called once, from another thread, when a fatal error stops the topology
     */
    TopologyRuntime start(String topologyId, StormTopology topology, Map<String, Object> conf, ClassLoader loader,
                          Clock clock, boolean activate, Consumer<Throwable> onFailure);

    /**
     * Validates a topology and prepares its executors to run when stepped, on the caller's thread, on
     * {@code clock}; the spouts are active.
     */
    SimulatedTopology simulate(String topologyId, StormTopology topology, Map<String, Object> conf,
                               ClassLoader loader, ManualClock clock) throws Exception;

    /** A bolt that runs {@code bolt}'s windows (what {@code WindowedBoltExecutor} delegates to). */
    IRichBolt windowedBolt(IWindowedBolt bolt);

    /**
     * A bolt that runs {@code bolt} with checkpointed state (what {@code StatefulBoltExecutor} delegates to); it
     * implements {@link CheckpointedBolt}.
     */
    IRichBolt statefulBolt(IStatefulBolt<?> bolt);

    /**
     * A bolt that runs {@code bolt}'s windows with checkpointed state (what {@code StatefulWindowedBoltExecutor}
     * delegates to); it implements {@link CheckpointedBolt}.
     */
    IRichBolt statefulWindowedBolt(IStatefulWindowedBolt<?> bolt);

    /** The kernel on the class path. */
    static Kernel get() {
        return ServiceLoader.load(Kernel.class, Kernel.class.getClassLoader()).findFirst().orElseThrow(() ->
                new IllegalStateException("No Squall kernel on the class path: add squall-core"));
    }
}
