package io.squall.topology;

/** Storm's request for on-heap memory shared within a worker; accepted, no effect in Squall. */
public class SharedOnHeap extends SharedMemory {
    private static final long serialVersionUID = 1L;

    /** A request for {@code amount} MB named {@code name}. */
    public SharedOnHeap(double amount, String name) {
        super(amount, 0, 0, name);
    }
}
