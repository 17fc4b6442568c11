package io.squall.topology;

import io.squall.Config;

import java.util.Map;

/** Per-component settings, chained: {@code builder.setBolt(...).setNumTasks(4).setDebug(true)}. */
public interface ComponentConfigurationDeclarer<T extends ComponentConfigurationDeclarer<?>> {
    /** Adds configuration for this component only. */
    T addConfigurations(Map<String, Object> conf);

    /** Adds one configuration entry for this component only. */
    T addConfiguration(String key, Object value);

    /** Logs every tuple this component emits. */
    T setDebug(boolean debug);

    /** Caps this component's parallelism. */
    T setMaxTaskParallelism(Number max);

    /** Caps this spout's pending tuple trees per task. */
    T setMaxSpoutPending(Number max);

    /** Sets the number of tasks; at least the parallelism hint. */
    T setNumTasks(Number numTasks);

    /**
     * Storm's on-heap memory request in MB, kept in the component's configuration; no effect in Squall, which has
     * no resource-aware scheduler.
     */
    default T setMemoryLoad(Number onHeap) {
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, onHeap.doubleValue());
    }

    /** Storm's on- and off-heap memory requests in MB; kept, no effect in Squall. */
    default T setMemoryLoad(Number onHeap, Number offHeap) {
        setMemoryLoad(onHeap);
        return addConfiguration(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB, offHeap.doubleValue());
    }

    /** Storm's CPU request (100 = one core); kept, no effect in Squall. */
    default T setCPULoad(Number amount) {
        return addConfiguration(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, amount.doubleValue());
    }

    /** Storm's shared-memory request; accepted and ignored, as Squall has no resource-aware scheduler. */
    @SuppressWarnings("unchecked")
    default T addSharedMemory(SharedMemory request) {
        if (request == null) {
            throw new IllegalArgumentException("addSharedMemory needs a SharedMemory (SharedOnHeap, ...), got null");
        }
        return (T) this;
    }
}
