package io.squall.topology;

/** Storm's request for off-heap memory shared within a node; accepted, no effect in Squall. */
public class SharedOffHeapWithinNode extends SharedMemory {
    private static final long serialVersionUID = 1L;

    /** A request for {@code amount} MB named {@code name}. */
    public SharedOffHeapWithinNode(double amount, String name) {
        super(0, 0, amount, name);
    }
}
