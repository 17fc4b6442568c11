package io.squall.topology;

/** Storm's request for off-heap memory shared within a worker; accepted, no effect in Squall. */
public class SharedOffHeapWithinWorker extends SharedMemory {
    private static final long serialVersionUID = 1L;

    /** A request for {@code amount} MB named {@code name}. */
    public SharedOffHeapWithinWorker(double amount, String name) {
        super(0, amount, 0, name);
    }
}
