package io.squall.runtime.acker;

/**
 * Root ids of tuple trees tracked by the executor of the spout that emitted them ({@code topology.acker.in.spout}):
 * the spout task sits in a root's low {@value #TASK_BITS} bits, so a bolt sends its acks for the tree straight to
 * that task, with no acker executor in between. The high bits are the spout executor's tree sequence, which starts
 * at a random value and indexes its {@link PendingRing}: no two pending trees of a task share a root, and a restarted
 * spout does not reuse the roots its predecessor had pending (an ack of a predecessor's tree that still arrives cannot complete a new tree: that
 * would take the XOR of random edge ids to match, as with Storm's acker).
 */
public final class SpoutRoots {
    /** Bits of a root that hold the spout task. */
    public static final int TASK_BITS = 20;
    /** One more than the largest task id a topology may have with trees tracked in the spouts. */
    public static final int MAX_TASKS = 1 << TASK_BITS;
    private static final long TASK_MASK = MAX_TASKS - 1;

    private SpoutRoots() {
    }

    /** The root of a tree that {@code task} (1 to {@link #MAX_TASKS} - 1) emits as its {@code sequence}-th. */
    public static long root(long sequence, int task) {
        return (sequence << TASK_BITS) | task;
    }

    /** The spout task that tracks the tree of {@code root}. */
    public static int spoutTask(long root) {
        return (int) (root & TASK_MASK);
    }
}
