package io.squall.trident.operation;

import io.squall.Config;
import io.squall.topology.ResourceDeclarer;
import io.squall.topology.SharedMemory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records resource requests as Storm's resource-aware scheduler reads them: memory in MB and CPU in percent of a
 * core, each as a {@code Double} under its {@code topology.component.*} key; a null amount requests nothing. Handed
 * to {@code TridentTopology.setResourceDefaults} and {@code setMasterCoordResources}. Squall has no resource-aware
 * scheduler, so the requests are only written into the bolts' configuration. Used on the building thread.
 *
 * @param <T> the declarer's own type, returned for chaining: {@code class MyDeclarer extends
 *            DefaultResourceDeclarer<MyDeclarer>}
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // Storm's self-type bound; the methods return this as T
public class DefaultResourceDeclarer<T extends DefaultResourceDeclarer> implements ResourceDeclarer<T>,
        ITridentResource {
    private final Map<String, Number> resources = new HashMap<>();
    private final Set<SharedMemory> sharedMemory = new LinkedHashSet<>();

    private T put(String key, Number amount) {
        if (amount != null) {
            resources.put(key, amount.doubleValue());
        }
        return (T) this;
    }

    /** Requests {@code onHeap} MB of on-heap memory. */
    @Override
    public T setMemoryLoad(Number onHeap) {
        return put(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, onHeap);
    }

    /** Requests {@code onHeap} MB of on-heap and {@code offHeap} MB of off-heap memory. */
    @Override
    public T setMemoryLoad(Number onHeap, Number offHeap) {
        setMemoryLoad(onHeap);
        return put(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB, offHeap);
    }

    /** Requests {@code amount} percent of a core (100: one core). */
    @Override
    public T setCPULoad(Number amount) {
        return put(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, amount);
    }

    /** Requests shared memory. */
    @Override
    public T addSharedMemory(SharedMemory request) {
        if (request == null) {
            throw new IllegalArgumentException("addSharedMemory needs a SharedMemory (SharedOnHeap, ...), got null");
        }
        sharedMemory.add(request);
        return (T) this;
    }

    /** A copy of the requests so far. */
    @Override
    public Map<String, Number> getResources() {
        return new HashMap<>(resources);
    }

    /** The shared memory requests so far (the live set, as in Storm). */
    @Override
    public Set<SharedMemory> getSharedMemory() {
        return sharedMemory;
    }
}
