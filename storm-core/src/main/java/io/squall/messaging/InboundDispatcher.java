package io.squall.messaging;

import io.squall.runtime.Worker;
import io.squall.runtime.queue.ReceiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The listener of one incoming connection: decodes message batches and publishes them into the receive
 * queues of the tasks they are for, and follows the sender's backpressure state (holding one token in
 * this worker's backpressure while the sender is congested). When a queue is full it retries, so the
 * connection stops being read and TCP slows the sender down. Event-loop thread only.
 */
public final class InboundDispatcher implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);
    private static final long RETRY_PARK_NANOS = 50_000;

    private final Worker worker;
    private final WireCodec codec;
    private final BooleanSupplier running;
    private final AtomicLong droppedAtShutdown;
    private final Map<ReceiveQueue, Batch> batches = new IdentityHashMap<>();
    private boolean senderCongested;

    /** Messages of one frame for one queue. */
    private static final class Batch {
        int[] tasks = new int[64];
        Object[] messages = new Object[64];
        int size;

        void add(int task, Object message) {
            if (size == tasks.length) {
                tasks = Arrays.copyOf(tasks, size * 2);
                messages = Arrays.copyOf(messages, size * 2);
            }
            tasks[size] = task;
            messages[size] = message;
            size++;
        }
    }

    /**
     * @param running           false once the worker stops, when messages that do not fit are dropped
     * @param droppedAtShutdown counts those (their trees time out and are replayed)
     */
    public InboundDispatcher(Worker worker, WireCodec codec, BooleanSupplier running, AtomicLong droppedAtShutdown) {
        this.worker = worker;
        this.codec = codec;
        this.running = running;
        this.droppedAtShutdown = droppedAtShutdown;
    }

    @Override
    public void onFrame(Frame frame) {
        if (frame.type() == Frame.BACKPRESSURE) {
            onBackpressure(frame.payload());
            return;
        }
        ReceiveQueue[] queues = worker.queueByTask();
        codec.read(frame.payload(), worker::isLocalTask, (task, message) ->
                batches.computeIfAbsent(queues[task], q -> new Batch()).add(task, message));
        for (Map.Entry<ReceiveQueue, Batch> e : batches.entrySet()) {
            publish(e.getKey(), e.getValue());
        }
    }

    private void publish(ReceiveQueue queue, Batch b) {
        int done = 0;
        while (done < b.size) {
            int n = queue.tryPublish(b.tasks, b.messages, done, b.size - done);
            done += n;
            if (n == 0) {
                if (!running.getAsBoolean()) {
                    long dropped = droppedAtShutdown.addAndGet(b.size - done);
                    LOG.warn("Dropped {} incoming messages for {} while stopping ({} so far); they will be replayed",
                            b.size - done, queue.name(), dropped);
                    break;
                }
                LockSupport.parkNanos(RETRY_PARK_NANOS);
            }
        }
        Arrays.fill(b.messages, 0, b.size, null);
        b.size = 0;
    }

    private void onBackpressure(byte[] payload) {
        if (payload.length != 1 || payload[0] < 0 || payload[0] > 1) {
            throw new MalformedFrameException("A backpressure frame must hold one byte, 0 or 1");
        }
        boolean congested = payload[0] == 1;
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
    public void onClose() {
        if (senderCongested) {
            senderCongested = false;
            worker.backpressure().lower();
        }
    }
}
