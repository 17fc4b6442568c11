package io.squall.trident.operation;

import io.squall.topology.SharedMemory;

import java.util.Map;
import java.util.Set;

/**
 * Resource requests gathered on a part of a Trident topology (Storm's resource-aware scheduling): what
 * {@link DefaultResourceDeclarer} records. Squall has no resource-aware scheduler; the requests end up in the
 * configuration of the bolts that run the operations, under Storm's {@code topology.component.*} keys, and have no
 * other effect.
 */
public interface ITridentResource {
    /** The requests by Storm's resource key (on-heap and off-heap MB, CPU percent of a core); never null. */
    Map<String, Number> getResources();

    /** The shared memory requests; never null. */
    Set<SharedMemory> getSharedMemory();
}
