package io.squall.runtime.queue;

import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * One producer's own lane into a {@link ReceiveQueue}: a ring of plain arrays with one producer thread and one
 * consumer thread (the queue's). The producer writes a batch of messages with plain stores and then publishes
 * the batch with one release store of {@code tail}; the consumer reads {@code tail} with acquire once per drain,
 * reads the slots with plain loads and gives them back with one release store of {@code head}. No claim CAS and no
 * per-slot availability flags: the one producer owns every slot between {@code tail} and {@code head + capacity},
 * the consumer every slot between {@code head} and {@code tail}.
 *
 * <p>A slot may also carry a spout's first tuple of a tree as its parts (see {@link #tryPublish(int[], Object[], long[],
 * TupleSource[], int, int)}): the values in the message column, the root in a column of longs, the source in a column
 * of its own, written only where it changes. The consumer makes the tuple as it drains the slot, so the tuple is
 * allocated and first written on the consumer's thread, not the producer's. Lanes whose producer never sends parts
 * never allocate those two columns.
 *
 * <p>Made by {@link ReceiveQueue#newLane}; {@link #tryPublish} and {@link #close} on the producer thread only,
 * everything else through the queue on its consumer thread, except {@link #population}, which any thread may call.
 */
public final class SpscLane {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(SpscLane.class, "head", long.class);
            TAIL = l.findVarHandle(SpscLane.class, "tail", long.class);
            CLOSED = l.findVarHandle(SpscLane.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReceiveQueue queue;
    private final int[] tasks;
    private final Object[] messages;
    private final int mask;
    /** Next slot the consumer reads; written by the consumer (release), read by the producer (acquire). */
    private long head;
    /** The producer's last view of {@code head}: it reads the real one only when this says the lane is full. */
    private long cachedHead;
    /** Next slot the producer writes; written by the producer (release), read by the consumer (acquire). */
    private long tail;
    /** Set by the producer when it will publish no more; the queue drops the lane once it is empty. */
    private boolean closed;
    /**
     * The root of each slot that carries a first tuple's parts, 0 in the others; null until the producer first
     * publishes parts. Written (the field once, the elements per publish) by the producer before its release store
     * of {@code tail}, read by the consumer after its acquire load of it.
     */
    private long[] roots;
    /** The source of each slot with parts where it differs from the one before, else null; as {@code roots}. */
    private TupleSource[] sources;
    /** The source of the last slot with parts the consumer drained. Consumer thread. */
    private TupleSource lastSource;

    SpscLane(ReceiveQueue queue, int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("Lane capacity must be a power of two, got " + capacity);
        }
        this.queue = queue;
        this.tasks = new int[capacity];
        this.messages = new Object[capacity];
        this.mask = capacity - 1;
    }

    /**
     * Publishes up to {@code count} messages from the given arrays, as one batch, as far as the lane has room,
     * and wakes the consumer if it is parked. Producer thread only; never blocks.
     *
     * @return how many were published, from {@code offset} on
     */
    public int tryPublish(int[] taskIds, Object[] values, int offset, int count) {
        return tryPublish(taskIds, values, null, null, offset, count);
    }

    /**
     * As {@link #tryPublish(int[], Object[], int, int)}, where a message whose {@code treeRoots} entry is not 0 is the
     * values ({@code List<Object>}) of a spout's first tuple in that tree ({@link TupleImpl#firstOfTree}); its source
     * is its {@code treeSources} entry, or when that is null the source of the message with parts before it (the
     * first message with parts a lane ever carries names its source). The consumer is handed the tuple. Producer
     * thread only; never blocks.
     *
     * @param treeRoots the roots, or null when no message has parts (then {@code treeSources} is ignored)
     * @return how many were published, from {@code offset} on
     */
    public int tryPublish(int[] taskIds, Object[] values, long[] treeRoots, TupleSource[] treeSources, int offset,
                          int count) {
        long t = tail;  // plain: this thread is the only writer
        int capacity = mask + 1;
        int free = capacity - (int) (t - cachedHead);
        if (free < count) {
            cachedHead = (long) HEAD.getAcquire(this);
            free = capacity - (int) (t - cachedHead);
            if (free == 0) {
                return 0;
            }
        }
        int n = Math.min(count, free);
        if (treeRoots != null && roots == null) {
            roots = new long[capacity];
            sources = new TupleSource[capacity];
        }
        // Copied in bulk (two copies where the batch wraps around): under G1 a reference stored one by one into this
        // long-lived array takes the collector's card-marking barrier, with a fence, per message; a copy marks the
        // cards of its range once (measured: about 12 ns per message stored one by one, 4-5 ns copied).
        int slot = (int) t & mask;
        int first = Math.min(n, capacity - slot);
        System.arraycopy(taskIds, offset, tasks, slot, first);
        System.arraycopy(values, offset, messages, slot, first);
        if (first < n) {
            System.arraycopy(taskIds, offset + first, tasks, 0, n - first);
            System.arraycopy(values, offset + first, messages, 0, n - first);
        }
        if (roots != null) {
            copyParts(treeRoots, treeSources, offset, slot, first, n);
        }
        TAIL.setRelease(this, t + n);
        queue.wakeConsumer();
        return n;
    }

    /** Copies the parts' columns of a batch, or clears the slots' roots when the batch has none. */
    private void copyParts(long[] treeRoots, TupleSource[] treeSources, int offset, int slot, int first, int n) {
        if (treeRoots == null) {
            Arrays.fill(roots, slot, slot + first, 0L);
            Arrays.fill(roots, 0, n - first, 0L);
            return;
        }
        System.arraycopy(treeRoots, offset, roots, slot, first);
        System.arraycopy(treeSources, offset, sources, slot, first);
        if (first < n) {
            System.arraycopy(treeRoots, offset + first, roots, 0, n - first);
            System.arraycopy(treeSources, offset + first, sources, 0, n - first);
        }
    }

    /** The producer will publish no more; what it published is still delivered. Producer thread. */
    public void close() {
        CLOSED.setRelease(this, true);
    }

    /** Slots in the lane. */
    public int capacity() {
        return mask + 1;
    }

    /** Messages published and not yet drained. Any thread; a snapshot. */
    long population() {
        long h = (long) HEAD.getAcquire(this);
        return Math.max(0, (long) TAIL.getAcquire(this) - h);
    }

    /** Whether the producer closed the lane and the consumer has drained it. Consumer thread. */
    boolean isClosedAndEmpty() {
        // Closed is read first: a producer publishes before it closes, so a closed lane's tail is final.
        return (boolean) CLOSED.getAcquire(this) && (long) TAIL.getAcquire(this) == head;
    }

    /**
     * Hands every message published so far to {@code consumer}. Consumer thread only. If the consumer throws, the
     * message it was given counts as delivered and the rest stay for the next drain.
     *
     * @return the number of messages handed on
     */
    int drain(ReceiveQueue.Consumer consumer) throws Exception {
        long h = head;  // plain: this thread is the only writer
        long t = (long) TAIL.getAcquire(this);
        long[] r = roots;  // after the acquire: a producer sets the columns before the tail that first uses them
        long start = h;
        // The slots go back at the end of the drain only: a producer then never gets ahead of the counts the
        // consumer publishes once per round, so messages taken but not yet counted stay within the lane's size.
        try {
            while (h < t) {
                int slot = (int) h & mask;
                Object message = messages[slot];
                messages[slot] = null;
                h++;
                if (r != null && r[slot] != 0) {
                    message = firstOfTree(slot, message, r[slot]);
                }
                consumer.accept(tasks[slot], message);
            }
        } finally {
            HEAD.setRelease(this, h);
        }
        return (int) (h - start);
    }

    /** The tuple whose parts are in {@code slot}: made here, on the consumer's thread. */
    @SuppressWarnings("unchecked")
    private TupleImpl firstOfTree(int slot, Object values, long root) {
        TupleSource s = sources[slot];
        if (s != null) {
            sources[slot] = null;
            lastSource = s;
        }
        return TupleImpl.firstOfTree(lastSource, (List<Object>) values, root);
    }
}
