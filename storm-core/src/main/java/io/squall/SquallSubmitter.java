package io.squall;

import io.squall.topology.StormTopology;

import java.util.Map;

/**
 * Submits a topology from a user's {@code main}. Under {@code bin/squall local} the topology runs in this
 * JVM, in the {@link LocalCluster} the launcher installed; under {@code bin/squall jar} it goes to Nimbus.
 */
public final class SquallSubmitter {
    private static volatile LocalCluster localOverride;

    private SquallSubmitter() {
    }

    /**
     * Submits a topology, active.
     *
     * @throws io.squall.topology.AlreadyAliveException    if a topology of that name runs
     * @throws io.squall.topology.InvalidTopologyException if it cannot run, naming why
     */
    public static void submitTopology(String name, Map<String, Object> conf, StormTopology topology) {
        LocalCluster local = localOverride;
        if (local != null) {
            local.submitTopology(name, conf, topology, Thread.currentThread().getContextClassLoader());
            return;
        }
        throw new SquallException("No cluster to submit topology '" + name + "' to: run it with "
                + "'bin/squall local JAR CLASS' to run it in this JVM");
    }

    /** Storm's variant with a progress bar; the same as {@link #submitTopology}. */
    public static void submitTopologyWithProgressBar(String name, Map<String, Object> conf, StormTopology topology) {
        submitTopology(name, conf, topology);
    }

    /** Routes every submission of this JVM to {@code cluster} (null to stop). Used by {@code bin/squall local}. */
    public static void setLocalOverride(LocalCluster cluster) {
        localOverride = cluster;
    }
}
