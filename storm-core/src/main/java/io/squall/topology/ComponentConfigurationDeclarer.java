package io.squall.topology;

import io.squall.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-component settings, chained: {@code builder.setBolt(...).setNumTasks(4).setDebug(true)}.
 *
 * <p>Resource requests ({@link ResourceDeclarer}, {@link #addResource}, {@link #addResources}) are recorded as Storm
 * records them, in the component's configuration (generic resources, and memory and CPU requests too, in the map
 * under {@link Config#TOPOLOGY_COMPONENT_RESOURCES_MAP}); Squall has no resource-aware scheduler, so they have no
 * other effect.
 */
public interface ComponentConfigurationDeclarer<T extends ComponentConfigurationDeclarer<?>>
        extends ResourceDeclarer<T> {
    /** Adds configuration for this component only. */
    T addConfigurations(Map<String, Object> conf);

    /** Adds one configuration entry for this component only. */
    T addConfiguration(String key, Object value);

    /**
     * This component's configuration as declared so far: the component's own
     * ({@link IComponent#getComponentConfiguration()}) with what was added through this declarer on top, in a new
     * map with the types a Storm component sees (whole numbers {@code Long}); changing the map changes nothing, as
     * in Storm. The task count ({@link #setNumTasks}) is kept apart and is not in it.
     */
    Map<String, Object> getComponentConfiguration();

    /**
     * Requests an amount of a generic resource (say {@code "gpu.count"}) for each executor, recorded as Storm records
     * it: as a {@code Double} in the map under {@link Config#TOPOLOGY_COMPONENT_RESOURCES_MAP} of the component's
     * configuration. No other effect in Squall, which has no resource-aware scheduler.
     */
    default T addResource(String resourceName, Number resourceValue) {
        Map<String, Double> resources = currentResources();
        resources.put(resourceName, resourceValue.doubleValue());
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP, resources);
    }

    /** {@link #addResource} for each entry; null or empty adds nothing. No effect in Squall beyond being recorded. */
    @SuppressWarnings("unchecked")
    default T addResources(Map<String, Double> resources) {
        if (resources == null || resources.isEmpty()) {
            return (T) this;
        }
        Map<String, Double> merged = currentResources();
        merged.putAll(resources);
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP, merged);
    }

    /** A new copy of the component's resources map (empty if none yet). */
    private Map<String, Double> currentResources() {
        Map<String, Double> out = new HashMap<>();
        Object current = getComponentConfiguration().get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP);
        if (current instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Number n ? n.doubleValue() : null));
        }
        return out;
    }

    /** Logs every tuple this component emits. */
    T setDebug(boolean debug);

    /** Caps this component's parallelism. */
    T setMaxTaskParallelism(Number max);

    /** Caps this spout's pending tuple trees per task. */
    T setMaxSpoutPending(Number max);

    /** Sets the number of tasks; at least the parallelism hint. */
    T setNumTasks(Number numTasks);

    /**
     * Storm's on-heap memory request in MB, kept in the component's configuration (under its own key and in the
     * resources map, as Storm keeps it); null requests nothing. No effect in Squall, which has no resource-aware
     * scheduler.
     */
    @Override
    @SuppressWarnings("unchecked")
    default T setMemoryLoad(Number onHeap) {
        if (onHeap == null) {
            return (T) this;
        }
        addResource(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, onHeap);
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, onHeap.doubleValue());
    }

    /** Storm's on- and off-heap memory requests in MB, kept as {@link #setMemoryLoad(Number)}; no effect in Squall. */
    @Override
    default T setMemoryLoad(Number onHeap, Number offHeap) {
        T self = setMemoryLoad(onHeap);
        if (offHeap == null) {
            return self;
        }
        addResource(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB, offHeap);
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB, offHeap.doubleValue());
    }

    /** Storm's CPU request (100 = one core), kept as {@link #setMemoryLoad(Number)}; no effect in Squall. */
    @Override
    @SuppressWarnings("unchecked")
    default T setCPULoad(Number amount) {
        if (amount == null) {
            return (T) this;
        }
        addResource(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, amount);
        return addConfiguration(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, amount.doubleValue());
    }

    /** Storm's shared-memory request; accepted and ignored, as Squall has no resource-aware scheduler. */
    @Override
    @SuppressWarnings("unchecked")
    default T addSharedMemory(SharedMemory request) {
        if (request == null) {
            throw new IllegalArgumentException("addSharedMemory needs a SharedMemory (SharedOnHeap, ...), got null");
        }
        return (T) this;
    }
}
