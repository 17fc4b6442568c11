package io.squall.runtime.queue;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An executor's receive queue, with one consumer, the executor's thread. Each message carries a destination task
 * id and a message (a tuple or a control message). It has two ways in:
 * <ul>
 *   <li>a lane per regular producer ({@link #newLane}): a single-producer ring ({@link SpscLane}), which costs the
 *       producer plain stores and one release store per batch. Executors publish through their own lanes;</li>
 *   <li>{@link #tryPublish}, which any thread may call: a Disruptor ring buffer shared by every producer without a
 *       lane (timers, control messages, tests), which costs a claim CAS and a store per slot.</li>
 * </ul>
 * Messages of one producer through one way in arrive in the order published; there is no order between producers.
 *
 * <p>Producers publish in batches and never block: a full lane or ring publishes what fits and the producer keeps
 * the rest. The consumer drains everything available in one call ({@link #drain}) and, when idle, parks until a
 * producer wakes it ({@link #awaitMessages}). A lane holds at most {@link #LANE_CAPACITY} messages (or the
 * queue's capacity, if smaller), so a worker whose executors all send to each other does not hold a full-size
 * ring per pair; the queue's watermarks count the messages of all its lanes and its ring together.
 *
 * <p>Congestion: the queue is congested while it is fuller than the high watermark (decided by the consumer,
 * with hysteresis down to the low watermark) or while any producer holds messages it could not publish.
 * Each congested cause holds a token in the worker's {@link Backpressure}; spouts stop while any is held.
 */
public final class ReceiveQueue {
    /**
     * The most slots of one lane: the default queue size, so one producer alone has the room it had in the shared
     * ring. Measured (HandOffBenchmark, two threads): lanes of 4,096 slots made a producer that outruns its
     * consumer fill its lane and wait four times as often, and cost twice the CPU per message of the ring, while
     * lanes as large as the ring cost less than it. A lane of 16,384 slots is 128 KB, a quarter of the shared
     * ring; a worker whose executors all send to each other holds one per pair, so a wide mesh in one worker
     * should lower {@code topology.executor.receive.buffer.size}.
     */
    public static final int LANE_CAPACITY = 16384;
    /** A slot of the ring; owned by the producer between claim and publish, by the consumer after. */
    private static final class Slot {
        int task;
        Object message;
    }

    /** Receives drained messages on the consumer thread. */
    @FunctionalInterface
    public interface Consumer {
        /** Handles one message addressed to {@code task}. */
        void accept(int task, Object message) throws Exception;
    }

    private final String name;
    private final RingBuffer<Slot> ring;
    private final EventPoller<Slot> poller;
    private final int capacity;
    private final long highWatermark;
    private final long lowWatermark;
    private final Backpressure backpressure;
    private final AtomicInteger overflowingProducers = new AtomicInteger();
    private volatile Thread consumerThread;
    /**
     * Set only for a consumer that runs as a task on an event loop ({@link #bindConsumer(Runnable)}): the producer
     * that ends the consumer's sleep calls it, instead of unparking a thread.
     */
    private volatile Runnable waker;
    /** Whether the consumer is parked, or asleep until woken; accessed through {@link #SLEEPING} for its CAS. */
    private volatile boolean sleeping;
    /**
     * Whether the consumer last saw the queue above its high watermark. Written by the consumer only, with
     * release semantics, and read by other threads (metrics, the worker's congestion checks) with acquire, so
     * a reader that sees the flag also sees the backpressure token it stands for. Accessed through
     * {@link #ABOVE_HIGH_WATERMARK}.
     */
    private boolean aboveHighWatermark;
    private Consumer current;
    /** The lanes, replaced whole (copy on write) when one is added or dropped; written under {@code this}. */
    private volatile SpscLane[] lanes = new SpscLane[0];
    private final EventPoller.Handler<Slot> handler = this::onSlot;
    private static final VarHandle ABOVE_HIGH_WATERMARK;
    private static final VarHandle SLEEPING;

    static {
        try {
            ABOVE_HIGH_WATERMARK = MethodHandles.lookup().findVarHandle(ReceiveQueue.class, "aboveHighWatermark",
                    boolean.class);
            SLEEPING = MethodHandles.lookup().findVarHandle(ReceiveQueue.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A queue of {@code capacity} slots (a power of two).
     *
     * @param name          for logs and metrics, usually the executor's name
     * @param highWatermark fill ratio at which the queue becomes congested
     * @param lowWatermark  fill ratio below which it is relieved
     */
    public ReceiveQueue(String name, int capacity, double highWatermark, double lowWatermark,
                        Backpressure backpressure) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("Queue capacity must be a power of two, got " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.ring = RingBuffer.createMultiProducer(Slot::new, capacity, new BusySpinWaitStrategy());
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.highWatermark = Math.max(1, (long) (capacity * highWatermark));
        this.lowWatermark = (long) (capacity * lowWatermark);
        this.backpressure = backpressure;
    }

    /** The queue's name. */
    public String name() {
        return name;
    }

    /** Number of slots. */
    public int capacity() {
        return capacity;
    }

    /** Binds the consumer thread, which is woken by producers. Call once from that thread. */
    public void bindConsumer() {
        waker = null;
        consumerThread = Thread.currentThread();
    }

    /**
     * Binds a consumer that is not a thread of its own but a task run on an event loop, from that loop's thread:
     * instead of parking it falls asleep ({@link #sleepUnlessMessages}) and the first producer to publish after
     * that calls {@code waker} once (which schedules the task again). Call once from the consumer's thread.
     */
    public void bindConsumer(Runnable waker) {
        this.waker = waker;
        consumerThread = Thread.currentThread();
    }

    /**
     * A lane of this queue for one producer thread, which then publishes through {@link SpscLane#tryPublish} and
     * calls {@link SpscLane#close} when it will publish no more. Any thread.
     */
    public synchronized SpscLane newLane() {
        SpscLane lane = new SpscLane(this, Math.min(capacity, LANE_CAPACITY));
        SpscLane[] old = lanes;
        SpscLane[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = lane;
        lanes = grown;
        return lane;
    }

    /** Number of lanes now, for metrics and tests. Any thread. */
    public int lanes() {
        return lanes.length;
    }

    private synchronized void dropClosedLanes() {
        lanes = Arrays.stream(lanes).filter(l -> !l.isClosedAndEmpty()).toArray(SpscLane[]::new);
    }

    /**
     * Publishes up to {@code count} messages from the given arrays, as one batch if they all fit.
     * Any thread; never blocks. A producer that publishes often should use its own {@link #newLane lane}.
     *
     * @return how many were published, from {@code offset} on
     */
    public int tryPublish(int[] tasks, Object[] messages, int offset, int count) {
        int n = count;
        long hi;
        try {
            hi = ring.tryNext(n);
        } catch (InsufficientCapacityException full) {
            n = (int) Math.min(n, ring.remainingCapacity());
            if (n <= 0) {
                return 0;
            }
            try {
                hi = ring.tryNext(n);
            } catch (InsufficientCapacityException raced) {
                return 0;
            }
        }
        long lo = hi - n + 1;
        for (long seq = lo; seq <= hi; seq++) {
            Slot slot = ring.get(seq);
            int i = offset + (int) (seq - lo);
            slot.task = tasks[i];
            slot.message = messages[i];
        }
        ring.publish(lo, hi);
        wakeConsumer();
        return n;
    }

    /** Publishes one message if there is room. Any thread. */
    public boolean tryPublish(int task, Object message) {
        long seq;
        try {
            seq = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        Slot slot = ring.get(seq);
        slot.task = task;
        slot.message = message;
        ring.publish(seq);
        wakeConsumer();
        return true;
    }

    /** Unparks the consumer if it is parked; called by producers after each publish. */
    void wakeConsumer() {
        // The consumer sets 'sleeping' and then re-reads the cursor; we published and then read 'sleeping'.
        // The fence keeps this read from passing our publish, so one of us always sees the other.
        VarHandle.fullFence();
        if (sleeping) {
            endSleep();
        }
    }

    private void endSleep() {
        Runnable w = waker;
        if (w == null) {
            LockSupport.unpark(consumerThread);
        } else if (SLEEPING.compareAndSet(this, true, false)) {
            w.run(); // Only the producer that ended the sleep schedules the consumer: once per sleep.
        }
    }

    /**
     * Ends the consumer's park now if it is parked in {@link #awaitMessages}, as a publish would. Any thread. A
     * consumer about to park misses this wake-up and sleeps its park out: callers use it to shorten a wait, never
     * as the only signal of something the consumer must see.
     */
    public void wake() {
        if (sleeping) {
            endSleep();
        }
    }

    /**
     * Hands every available message to {@code consumer}, then updates the congestion state.
     * Consumer thread only.
     *
     * @return the number of messages drained
     */
    public int drain(Consumer consumer) throws Exception {
        int drained = 0;
        boolean closed = false;
        for (SpscLane lane : lanes) {
            drained += lane.drain(consumer);
            closed |= lane.isClosedAndEmpty();
        }
        if (closed) {
            dropClosedLanes();
        }
        long before = poller.getSequence().get();
        current = consumer;
        try {
            poller.poll(handler);
        } finally {
            current = null;
        }
        drained += (int) (poller.getSequence().get() - before);
        updateWatermark();
        return drained;
    }

    private boolean onSlot(Slot slot, long sequence, boolean endOfBatch) throws Exception {
        Object message = slot.message;
        slot.message = null;
        current.accept(slot.task, message);
        return true;
    }

    private void updateWatermark() {
        long population = population();
        boolean above = (boolean) ABOVE_HIGH_WATERMARK.get(this); // Plain read: this thread is the only writer.
        if (!above && population >= highWatermark) {
            backpressure.raise(name);
            ABOVE_HIGH_WATERMARK.setRelease(this, true);
        } else if (above && population <= lowWatermark) {
            ABOVE_HIGH_WATERMARK.setRelease(this, false);
            backpressure.lower(name);
        }
    }

    /** Messages published and not yet drained. Any thread; a snapshot. */
    public long population() {
        long n = Math.max(0, ring.getCursor() - poller.getSequence().get());
        for (SpscLane lane : lanes) {
            n += lane.population();
        }
        return n;
    }

    /** Whether the queue is congested now. Any thread; a snapshot. */
    public boolean isCongested() {
        return (boolean) ABOVE_HIGH_WATERMARK.getAcquire(this) || overflowingProducers.get() > 0;
    }

    /** A producer now holds messages for this queue that did not fit. Producer thread. */
    public void producerOverflowed() {
        overflowingProducers.incrementAndGet();
        backpressure.raise(name);
    }

    /** A producer that had overflowed has published everything it held. Producer thread. */
    public void producerRecovered() {
        overflowingProducers.decrementAndGet();
        backpressure.lower(name);
    }

    /**
     * Parks the consumer for at most {@code maxNanos}, returning early when a producer publishes.
     * Consumer thread only.
     */
    public void awaitMessages(long maxNanos) {
        sleeping = true;
        try {
            if (population() == 0) {
                LockSupport.parkNanos(this, maxNanos);
            }
        } finally {
            sleeping = false;
        }
    }

    /**
     * Puts a consumer bound with a waker ({@link #bindConsumer(Runnable)}) to sleep unless messages are waiting:
     * it must then not drain again until the waker runs. Consumer thread only.
     *
     * @return true if the consumer sleeps now (the waker runs on the next publish, or already ran); false if
     *         messages are waiting and the consumer should drain them
     */
    public boolean sleepUnlessMessages() {
        sleeping = true;
        // Dekker with wakeConsumer: we set 'sleeping' and then read the cursors; a producer publishes and then
        // reads 'sleeping'. If it saw us asleep it wins the CAS below and schedules us: we are asleep after all.
        // The fence orders our store before the cursors' acquire loads (a volatile store alone orders it only
        // before volatile loads).
        VarHandle.fullFence();
        if (population() == 0) {
            return true;
        }
        return !SLEEPING.compareAndSet(this, true, false);
    }

    /** Releases the backpressure tokens this queue holds; the consumer is gone. Consumer thread. */
    public void close() {
        if ((boolean) ABOVE_HIGH_WATERMARK.get(this)) {
            ABOVE_HIGH_WATERMARK.setRelease(this, false);
            backpressure.lower(name);
        }
    }

    @Override
    public String toString() {
        return "ReceiveQueue[" + name + ", " + population() + "/" + capacity + "]";
    }

    /** Converts milliseconds to nanoseconds, for callers of {@link #awaitMessages}. */
    public static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
