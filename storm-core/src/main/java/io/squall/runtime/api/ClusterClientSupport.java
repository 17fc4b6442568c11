package io.squall.runtime.api;

import io.squall.topology.Nimbus;
import io.squall.topology.StormTopology;
import io.squall.utils.NimbusClient;

import java.util.ServiceLoader;

/**
 * What {@link NimbusClient} needs of the cluster's side beyond HTTP and JSON: the encoding of a submitted
 * topology and Storm's client view, which reads topology layouts and metrics. Registered in
 * {@code META-INF/services}; {@link #get()} finds it. Stateless; thread-safe.
 */
public interface ClusterClientSupport {
    /** Storm's client methods ({@code Nimbus.Iface}) over {@code nimbus}. */
    Nimbus.Client stormClient(NimbusClient nimbus);

    /** A topology as Nimbus takes it in a submission. */
    byte[] serializeTopology(StormTopology topology);

    /** The implementation on the class path. */
    static ClusterClientSupport get() {
        return ServiceLoader.load(ClusterClientSupport.class, ClusterClientSupport.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Squall cluster client support on the class path: "
                        + "add squall-core"));
    }
}
