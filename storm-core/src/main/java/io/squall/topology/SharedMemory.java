package io.squall.topology;

import java.io.Serializable;

/**
 * Storm's request for memory shared by several components, named so that requests of the same name are one.
 * Squall has no resource-aware scheduler: a request is accepted and has no effect. Immutable.
 */
public class SharedMemory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double onHeap;
    private final double offHeapWorker;
    private final double offHeapNode;
    private final String name;

    /**
     * A request of the given sizes in MB.
     *
     * @throws IllegalArgumentException if the name is empty or a size negative
     */
    public SharedMemory(double onHeap, double offHeapWorker, double offHeapNode, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A shared memory request needs a name");
        }
        if (onHeap < 0 || offHeapWorker < 0 || offHeapNode < 0) {
            throw new IllegalArgumentException("Shared memory '" + name + "' has a negative size");
        }
        this.onHeap = onHeap;
        this.offHeapWorker = offHeapWorker;
        this.offHeapNode = offHeapNode;
        this.name = name;
    }

    /** The on-heap size in MB. */
    public double get_on_heap() {
        return onHeap;
    }

    /** The off-heap size per worker in MB. */
    public double get_off_heap_worker() {
        return offHeapWorker;
    }

    /** The off-heap size per node in MB. */
    public double get_off_heap_node() {
        return offHeapNode;
    }

    /** The name. */
    public String get_name() {
        return name;
    }
}
