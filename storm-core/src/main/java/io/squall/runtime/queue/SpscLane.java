package io.squall.runtime.queue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One producer's own lane into a {@link ReceiveQueue}: a ring of plain arrays with one producer thread and one
 * consumer thread (the queue's). The producer writes a batch of messages with plain stores and then publishes
 * the batch with one release store of {@code tail}; the consumer reads {@code tail} with acquire once per drain,
 * reads the slots with plain loads and gives them back with one release store of {@code head}. No claim CAS and no
 * per-slot availability flags: the one producer owns every slot between {@code tail} and {@code head + capacity},
 * the consumer every slot between {@code head} and {@code tail}.
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
        TAIL.setRelease(this, t + n);
        queue.wakeConsumer();
        return n;
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
        long start = h;
        // The slots go back at the end of the drain only: a producer then never gets ahead of the counts the
        // consumer publishes once per round, so messages taken but not yet counted stay within the lane's size.
        try {
            while (h < t) {
                int slot = (int) h & mask;
                Object message = messages[slot];
                messages[slot] = null;
                h++;
                consumer.accept(tasks[slot], message);
            }
        } finally {
            HEAD.setRelease(this, h);
        }
        return (int) (h - start);
    }
}
