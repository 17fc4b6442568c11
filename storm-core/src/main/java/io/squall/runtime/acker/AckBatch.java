package io.squall.runtime.acker;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.Arrays;

/**
 * Acker messages for one task, collected by the sending executor and handed to the task's queue as one
 * message: one queue slot and no object per message, instead of a slot and a record each. The entries are the
 * {@link AckMessage}s in primitive columns, in the order they were added.
 *
 * <p>Threads: written only by the sending executor until it hands the batch to a queue, then read only by the
 * consumer of that queue; publishing through the queue orders the writes before the reads. A handed-off batch
 * is not written again until the consumer, done with it, {@link #recycle recycles} it: it goes back, empty, to
 * the pool of the executor that made it (a lock-free queue, whose offer and poll order the consumer's reads
 * before the sender's next writes), so a steady flow of acker messages allocates nothing.
 */
public final class AckBatch {
    /** {@link AckMessage.Init}: root, xor, spout task. */
    public static final byte INIT = 1;
    /** {@link AckMessage.Update}: root, xor. */
    public static final byte UPDATE = 2;
    /** {@link AckMessage.Fail}: root, failing task. */
    public static final byte FAIL = 3;
    /** {@link AckMessage.ResetTimeout}: root. */
    public static final byte RESET = 4;
    /** {@link AckMessage.Result} of a completed tree: root. */
    public static final byte ACKED = 5;
    /** {@link AckMessage.Result} of a failed tree: root, failing task (or -1). */
    public static final byte FAILED = 6;

    private byte[] kinds;
    private long[] roots;
    private long[] xors;
    private int[] tasks;
    private int size;
    /** Where {@link #recycle} returns the batch, or null. */
    private final ManyToOneConcurrentArrayQueue<AckBatch> pool;

    /** An empty batch with room for {@code capacity} entries before it grows, never recycled. */
    public AckBatch(int capacity) {
        this(capacity, null);
    }

    /**
     * An empty batch with room for {@code capacity} entries before it grows, returned by {@link #recycle} to
     * {@code pool} (if not null and not full), from which its sender takes batches before making new ones.
     */
    public AckBatch(int capacity, ManyToOneConcurrentArrayQueue<AckBatch> pool) {
        this.pool = pool;
        int n = Math.max(1, capacity);
        kinds = new byte[n];
        roots = new long[n];
        xors = new long[n];
        tasks = new int[n];
    }

    /**
     * Appends an entry; an update of the tree the last entry updates is XORed into that entry instead (an update
     * only XORs the tree's value, so two in a row are the same as their XOR). A bolt acks the tuples of one spout
     * tuple in a row (a sentence's words at a counter), so its consumer applies one update per tree and batch.
     *
     * @param kind one of the kind constants
     * @param xor  the XOR of an init or update, else ignored
     * @param task the spout task of an init, the failing task of a fail or failed result, else ignored
     */
    public void add(byte kind, long root, long xor, int task) {
        if (kind == UPDATE && size > 0 && roots[size - 1] == root && kinds[size - 1] == UPDATE) {
            xors[size - 1] ^= xor;
            return;
        }
        if (size == kinds.length) {
            int n = size * 2;
            kinds = Arrays.copyOf(kinds, n);
            roots = Arrays.copyOf(roots, n);
            xors = Arrays.copyOf(xors, n);
            tasks = Arrays.copyOf(tasks, n);
        }
        kinds[size] = kind;
        roots[size] = root;
        xors[size] = xor;
        tasks[size] = task;
        size++;
    }

    /** Number of entries (consecutive updates of one tree are one). */
    public int size() {
        return size;
    }

    /** The kind of entry {@code i}. */
    public byte kind(int i) {
        return kinds[i];
    }

    /** The root id of entry {@code i}. */
    public long root(int i) {
        return roots[i];
    }

    /** The XOR of entry {@code i} (an init or update). */
    public long xor(int i) {
        return xors[i];
    }

    /** The task of entry {@code i}: the spout task of an init, the failing task of a fail or failed result. */
    public int task(int i) {
        return tasks[i];
    }

    /** Entry {@code i} as a message object, for the paths that carry single messages (another worker). */
    public AckMessage message(int i) {
        long root = roots[i];
        return switch (kinds[i]) {
            case INIT -> new AckMessage.Init(root, xors[i], tasks[i]);
            case UPDATE -> new AckMessage.Update(root, xors[i]);
            case FAIL -> new AckMessage.Fail(root, tasks[i]);
            case RESET -> new AckMessage.ResetTimeout(root);
            case ACKED -> new AckMessage.Result(root, false, -1);
            case FAILED -> new AckMessage.Result(root, true, tasks[i]);
            default -> throw new IllegalStateException("Unknown ack batch entry kind " + kinds[i]);
        };
    }

    /**
     * Empties the batch and gives it back to its sender's pool. Consumer thread, once, after the last read:
     * the batch may be refilled by its sender at once.
     */
    public void recycle() {
        size = 0;
        if (pool != null) {
            pool.offer(this); // A full pool drops the batch: the garbage collector takes it.
        }
    }

    @Override
    public String toString() {
        return "AckBatch[" + size + " entries]";
    }
}
