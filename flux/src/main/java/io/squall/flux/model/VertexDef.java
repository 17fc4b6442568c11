package io.squall.flux.model;

/**
 * A spout or bolt: a component with a parallelism and, as in Storm, optional task count and resource hints
 * ({@code numTasks}, {@code onHeapMemoryLoad}, {@code offHeapMemoryLoad}, {@code cpuLoad}; -1 when not set).
 */
public abstract class VertexDef extends BeanDef {
    private int parallelism = 1;
    private int numTasks = -1;
    private double onHeapMemoryLoad = -1;
    private double offHeapMemoryLoad = -1;
    private double cpuLoad = -1;

    /** The number of executors (default 1). */
    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    /** The number of tasks, or -1 for one per executor. */
    public int getNumTasks() {
        return numTasks;
    }

    public void setNumTasks(int numTasks) {
        this.numTasks = numTasks;
    }

    /** The on-heap memory hint in MB, or -1. */
    public double getOnHeapMemoryLoad() {
        return onHeapMemoryLoad;
    }

    public void setOnHeapMemoryLoad(double onHeapMemoryLoad) {
        this.onHeapMemoryLoad = onHeapMemoryLoad;
    }

    /** The off-heap memory hint in MB, or -1. */
    public double getOffHeapMemoryLoad() {
        return offHeapMemoryLoad;
    }

    public void setOffHeapMemoryLoad(double offHeapMemoryLoad) {
        this.offHeapMemoryLoad = offHeapMemoryLoad;
    }

    /** The CPU hint (100 = one core), or -1. */
    public double getCpuLoad() {
        return cpuLoad;
    }

    public void setCpuLoad(double cpuLoad) {
        this.cpuLoad = cpuLoad;
    }
}
