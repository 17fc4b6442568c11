package io.squall.runtime.executor;

import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.queue.SpscLane;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * The messages one executor has for one receive queue, published in batches through the executor's own lane of
 * that queue (see {@link SpscLane}), made at the first publish. When the lane is full
 * the messages stay here (the buffer grows) and the queue is told it has an overflowing producer, which
 * raises backpressure so spouts stop; the executor keeps draining its own input, so a cycle of bolts
 * never deadlocks.
 *
 * <p>A spout's first tuple of a tree may be buffered as its parts ({@link #addFirstOfTree}): the values where a message
 * goes, the root and the source in two more columns, made at the first such add. The receiver's lane makes the tuple
 * on the receiving thread (see {@link SpscLane}). Owned by the producing executor's thread, except {@link #depth()}.
 */
class Outbox {
    private static final VarHandle DEPTH;

    static {
        try {
            DEPTH = MethodHandles.lookup().findVarHandle(Outbox.class, "depth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReceiveQueue queue;
    /** This executor's lane of the queue; null until the first publish, so pairs that never talk cost nothing. */
    private SpscLane lane;
    private final int batchSize;
    /** Published before each batch, so receivers never count a message its sender has not counted yet. */
    private final RoundCounts counts;
    private int[] tasks;
    private Object[] messages;
    /** The root of each buffered first tuple sent as parts, 0 for other messages; null until the first such add. */
    private long[] roots;
    /**
     * The source of each buffered first tuple sent as parts where it differs from the one added before, else null
     * (a null store costs no card mark under G1, and a spout's task sends on one source or a few).
     */
    private TupleSource[] sources;
    /** The source of the last first tuple added as parts, as the lane's consumer will know it. */
    private TupleSource lastSource;
    private int head;
    private int tail;
    private boolean overflowing;
    /** Messages left after the last flush; written (opaque) by the owner after each flush, read by metrics. */
    private int depth;

    Outbox(ReceiveQueue queue, int batchSize) {
        this(queue, batchSize, new RoundCounts());
    }

    Outbox(ReceiveQueue queue, int batchSize, RoundCounts counts) {
        this.queue = queue;
        this.counts = counts;
        this.batchSize = batchSize;
        this.tasks = new int[batchSize];
        this.messages = new Object[batchSize];
    }

    /** Buffers a message, publishing the batch when it is full. */
    void add(int task, Object message) {
        int slot = reserve(task, message);
        if (roots != null) {
            roots[slot] = 0;
        }
        buffered(slot);
    }

    /**
     * Buffers the tuple {@code TupleImpl.ofTree(source, values, root, edge)}; an outbox that encodes its messages
     * ({@link EncodingOutbox}) writes it from these parts without making it.
     */
    void addOfTree(int task, TupleSource source, List<Object> values, long root, long edge) {
        add(task, TupleImpl.ofTree(source, values, root, edge));
    }

    /**
     * Buffers a spout's first tuple in tree {@code root} (not 0) as its parts: the receiver gets {@code
     * TupleImpl.firstOfTree(source, values, root)}, made on its own thread. Publishes the batch when it is full.
     */
    void addFirstOfTree(int task, TupleSource source, Object values, long root) {
        if (roots == null) {
            roots = new long[tasks.length];
            sources = new TupleSource[tasks.length];
        }
        int slot = reserve(task, values);
        roots[slot] = root;
        if (source != lastSource) {
            sources[slot] = source;
            lastSource = source;
        } else {
            sources[slot] = null;
        }
        buffered(slot);
    }

    /** Stores a message's task and message in the next slot, making room first if the buffer is full. */
    private int reserve(int task, Object message) {
        if (tail == tasks.length) {
            flush();
            if (tail == tasks.length) {
                makeRoom();
            }
        }
        tasks[tail] = task;
        messages[tail] = message;
        return tail;
    }

    /** Counts the slot {@link #reserve} filled as buffered and publishes the batch when it is full. */
    private void buffered(int slot) {
        tail = slot + 1;
        if (tail - head >= batchSize) {
            flush();
        }
    }

    /**
     * Publishes what is buffered, as far as the queue has room.
     *
     * @return how many messages were published
     */
    int flush() {
        int pending = tail - head;
        if (pending == 0) {
            return 0;
        }
        counts.publish();
        int published = publish(pending);
        DEPTH.setOpaque(this, tail - head);
        return published;
    }

    private int publish(int pending) {
        if (lane == null) {
            lane = queue.newLane();
        }
        int published = 0;
        while (published < pending) {
            int n = lane.tryPublish(tasks, messages, roots, sources, head, Math.min(batchSize, pending - published));
            if (n == 0) {
                break;
            }
            Arrays.fill(messages, head, head + n, null);
            head += n;
            published += n;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
            if (overflowing) {
                overflowing = false;
                queue.producerRecovered();
            }
        } else if (!overflowing) {
            overflowing = true;
            queue.producerOverflowed();
        }
        return published;
    }

    private void makeRoom() {
        int pending = tail - head;
        if (head > tasks.length / 2) {
            System.arraycopy(tasks, head, tasks, 0, pending);
            System.arraycopy(messages, head, messages, 0, pending);
            Arrays.fill(messages, pending, tail, null);
            if (roots != null) {
                System.arraycopy(roots, head, roots, 0, pending);
                System.arraycopy(sources, head, sources, 0, pending);
            }
        } else {
            int[] t = new int[tasks.length * 2];
            Object[] m = new Object[messages.length * 2];
            System.arraycopy(tasks, head, t, 0, pending);
            System.arraycopy(messages, head, m, 0, pending);
            tasks = t;
            messages = m;
            if (roots != null) {
                long[] r = new long[roots.length * 2];
                TupleSource[] s = new TupleSource[sources.length * 2];
                System.arraycopy(roots, head, r, 0, pending);
                System.arraycopy(sources, head, s, 0, pending);
                roots = r;
                sources = s;
            }
        }
        head = 0;
        tail = pending;
    }

    /** Messages still held after the last flush. Any thread; may lag by one flush. */
    int depth() {
        return (int) DEPTH.getOpaque(this);
    }

    /** Whether the outbox holds messages the queue had no room for. Owner thread. */
    boolean isOverflowing() {
        return overflowing;
    }

    /** Gives back the backpressure token, if held, and the lane; the executor is stopping. */
    void close() {
        if (overflowing) {
            overflowing = false;
            queue.producerRecovered();
        }
        if (lane != null) {
            lane.close();
        }
    }
}
