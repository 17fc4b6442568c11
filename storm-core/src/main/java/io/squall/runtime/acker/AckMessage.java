package io.squall.runtime.acker;

/**
 * The messages of the acking protocol, addressed to acker tasks (init, update, fail, reset) or back to
 * spout tasks (result, reset). Immutable; they cross workers with the tuples.
 */
public sealed interface AckMessage {
    /** The root id of the tuple tree concerned. */
    long root();

    /** A spout emitted a tracked tuple: the XOR of the edge ids it sent. */
    record Init(long root, long xor, int spoutTask) implements AckMessage { }

    /** A bolt acked a tuple of the tree: its edge id XOR the edge ids of the children it anchored. */
    record Update(long root, long xor) implements AckMessage { }

    /** A bolt failed a tuple of the tree. */
    record Fail(long root, int failingTask) implements AckMessage { }

    /** A bolt asked for more time for the tree; the acker forwards it to the spout task. */
    record ResetTimeout(long root) implements AckMessage { }

    /**
     * Sent by the acker to the spout task: the tree completed, or failed (in which case the failing task is
     * named, or {@code -1} if unknown).
     */
    record Result(long root, boolean failed, int failingTask) implements AckMessage { }
}
