package io.squall.messaging;

import io.squall.runtime.Worker;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.queue.SpscLane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * The listener of one incoming connection: decodes message batches and publishes them into the receive
 * queues of the tasks they are for, and follows the sender's backpressure state (holding one token in this
 * worker's backpressure while the sender is congested).
 *
 * <p>When a queue is full the dispatcher keeps the rest of the frame and returns false, so the connection
 * stops reading (see {@link FrameListener}); it never blocks the event loop. A sender's congestion expires
 * unless the sender refreshes it within {@code congestionExpiryMs} (senders re-send their state every
 * {@code messaging.backpressure.refresh.ms}), so a peer that reports congestion and falls silent does not
 * hold this worker's spouts paused; time while this side is not reading does not count. The token is also
 * returned when the connection closes. Event-loop thread only.
 */
public final class InboundDispatcher implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    /** Counters shared by the dispatchers of one worker. */
    public static final class Counters {
        private final AtomicLong droppedMessages = new AtomicLong();
        private final AtomicLong expiredCongestion = new AtomicLong();

        /** Messages received and not delivered (the worker stopping, a connection closing while paused). */
        public long droppedMessages() {
            return droppedMessages.get();
        }

        /** How many times a peer's congestion expired because the peer did not refresh it. */
        public long expiredCongestion() {
            return expiredCongestion.get();
        }
    }

    private final Worker worker;
    private final WireCodec codec;
    private final BooleanSupplier running;
    private final Counters counters;
    private final long expiryNanos;
    private final Map<ReceiveQueue, Batch> batches = new IdentityHashMap<>();
    private final WireCodec.Sink toBatches = this::add;
    private final IntPredicate isLocalTask;
    /** The receive queues of the tasks, as of the frame being decoded. */
    private ReceiveQueue[] queues;
    /** The queue of the last message decoded and its batch: a frame's messages come in runs for one queue. */
    private ReceiveQueue lastQueue;
    private Batch lastBatch;
    /** Messages decoded and not yet published; while positive, the connection is paused. */
    private int held;
    private boolean senderCongested;
    private long congestionRefreshedNanos;

    /**
     * Messages of one frame for one queue; {@code done} of them are published, through this connection's own
     * lane of the queue (the connection is its one producer).
     */
    private static final class Batch {
        final SpscLane lane;
        int[] tasks = new int[64];
        Object[] messages = new Object[64];
        int size;
        int done;

        Batch(ReceiveQueue queue) {
            lane = queue.newLane();
        }

        void add(int task, Object message) {
            if (size == tasks.length) {
                tasks = Arrays.copyOf(tasks, size * 2);
                messages = Arrays.copyOf(messages, size * 2);
            }
            tasks[size] = task;
            messages[size] = message;
            size++;
        }

        void clear() {
            Arrays.fill(messages, 0, size, null);
            size = 0;
            done = 0;
        }
    }

    /**
     * @param running            false once the worker stops, when messages that do not fit are dropped
     * @param counters           where dropped messages and expired congestion are counted
     * @param congestionExpiryMs how long a sender's congestion holds without being refreshed
     */
    public InboundDispatcher(Worker worker, WireCodec codec, BooleanSupplier running, Counters counters,
                             long congestionExpiryMs) {
        this.worker = worker;
        this.codec = codec;
        this.running = running;
        this.counters = counters;
        this.expiryNanos = TimeUnit.MILLISECONDS.toNanos(congestionExpiryMs);
        this.isLocalTask = worker::isLocalTask;
    }

    @Override
    public boolean onFrame(Frame frame) {
        if (frame.type() == Frame.BACKPRESSURE) {
            onBackpressure(frame);
            return true;
        }
        queues = worker.queueByTask();
        held += codec.read(frame.payload(), frame.length(), isLocalTask, toBatches);
        return retry();
    }

    /** Adds a decoded message to its queue's batch. */
    private void add(int task, Object message) {
        ReceiveQueue q = queues[task];
        Batch b = lastBatch;
        if (q != lastQueue) {
            b = batches.computeIfAbsent(q, Batch::new);
            lastQueue = q;
            lastBatch = b;
        }
        b.add(task, message);
    }

    @Override
    public boolean retry() {
        for (Batch b : batches.values()) {
            if (b.done < b.size) {
                held -= publish(b);
            }
        }
        if (held > 0 && !running.getAsBoolean()) {
            long n = counters.droppedMessages.addAndGet(held);
            LOG.warn("Dropped {} incoming messages while stopping ({} so far); they will be replayed", held, n);
            clearAll();
        }
        return held == 0;
    }

    /** Publishes what fits of a batch; clears it once all is published. Returns how many were published. */
    private static int publish(Batch b) {
        int before = b.done;
        while (b.done < b.size) {
            int n = b.lane.tryPublish(b.tasks, b.messages, b.done, b.size - b.done);
            if (n == 0) {
                break;
            }
            b.done += n;
        }
        int published = b.done - before;
        if (b.done == b.size) {
            b.clear();
        }
        return published;
    }

    private void clearAll() {
        for (Batch b : batches.values()) {
            b.clear();
        }
        held = 0;
    }

    private void onBackpressure(Frame frame) {
        byte[] payload = frame.payload();
        if (frame.length() != 1 || payload[0] < 0 || payload[0] > 1) {
            throw new MalformedFrameException("A backpressure frame must hold one byte, 0 or 1");
        }
        boolean congested = payload[0] == 1;
        if (congested) {
            congestionRefreshedNanos = worker.nanoTime();
        }
        if (congested != senderCongested) {
            senderCongested = congested;
            if (congested) {
                worker.backpressure().raise();
            } else {
                worker.backpressure().lower();
            }
        }
    }

    @Override
    public void onTick() {
        if (!senderCongested) {
            return;
        }
        long now = worker.nanoTime();
        if (held > 0) {
            congestionRefreshedNanos = now; // Not reading: the sender's refreshes wait in the socket.
        } else if (now - congestionRefreshedNanos > expiryNanos) {
            senderCongested = false;
            worker.backpressure().lower();
            long n = counters.expiredCongestion.incrementAndGet();
            LOG.warn("A peer reported congestion and did not refresh it for {} ms; ignoring it ({} times so far)",
                    TimeUnit.NANOSECONDS.toMillis(expiryNanos), n);
        }
    }

    /** Whether this connection's sender holds a backpressure token now. */
    boolean senderCongested() {
        return senderCongested;
    }

    @Override
    public void onClose() {
        if (held > 0) {
            long n = counters.droppedMessages.addAndGet(held);
            LOG.warn("Connection closed with {} messages not yet delivered ({} so far); they will be replayed",
                    held, n);
            clearAll();
        }
        if (senderCongested) {
            senderCongested = false;
            worker.backpressure().lower();
        }
        for (Batch b : batches.values()) {
            b.lane.close();
        }
    }
}
