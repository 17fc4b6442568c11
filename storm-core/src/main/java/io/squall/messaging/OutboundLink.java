package io.squall.messaging;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Carries the messages of one outbound queue to another worker: drains the queue on its own thread, encodes
 * what it drained into batches of at most {@code batchBytes} and sends each as a frame. While the connection
 * is down or slow, {@link MessagingClient#send} waits, the queue fills up and the worker's backpressure
 * stops its spouts: the queue is the bounded buffer kept while disconnected.
 *
 * <p>A tuple that does not fit in a frame ({@code messaging.max.frame.bytes}) even alone is not sent: it is
 * handed to the {@link Oversized} handler, which fails it, and the link goes on with the next message.
 */
public final class OutboundLink implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);
    private static final long IDLE_PARK_NANOS = 1_000_000;

    /**
     * Sizes of a link's batches.
     *
     * @param batchBytes    a batch is sent once it holds this many bytes (and at the end of each drain)
     * @param maxFrameBytes the most a frame may hold ({@code messaging.max.frame.bytes})
     */
    public record Limits(int batchBytes, int maxFrameBytes) { }

    /** Told about each tuple too large for a frame. Link thread. */
    @FunctionalInterface
    public interface Oversized {
        /**
         * A tuple for {@code task} serializes to {@code bytes}, more than a frame holds; it was not sent.
         *
         * @param sameLink writes a message into the batch going to the same worker (for acker tasks there)
         */
        void reject(int task, TupleImpl tuple, long bytes, WireCodec.Sink sameLink);
    }

    private final ReceiveQueue queue;
    private final MessagingClient client;
    private final WireCodec codec;
    private final Limits limits;
    private final int initialBufferBytes;
    private final Output out;
    private final ReceiveQueue.Consumer encoder = this::encode;
    private final WireCodec.Sink sameLink = this::writeSmall;
    private final Oversized oversized;
    private final Consumer<Throwable> onFailure;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param oversized told about each tuple that is too large to send
     * @param onFailure told, from the link's thread, when the link fails otherwise and stops
     */
    public OutboundLink(ReceiveQueue queue, MessagingClient client, WireCodec codec, Limits limits,
                        Oversized oversized, Consumer<Throwable> onFailure) {
        this.queue = queue;
        this.client = client;
        this.codec = codec;
        this.limits = limits;
        this.oversized = oversized;
        this.onFailure = onFailure;
        this.initialBufferBytes = Math.min(limits.batchBytes() * 2, limits.maxFrameBytes() - 1);
        this.out = new Output(initialBufferBytes, limits.maxFrameBytes() - 1);
    }

    /** Starts the link's thread. */
    public void start() {
        thread = new Thread(this, "link-" + queue.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        queue.bindConsumer();
        try {
            while (running) {
                int n = queue.drain(encoder);
                sendBatch();
                if (n == 0) {
                    queue.awaitMessages(IDLE_PARK_NANOS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Link {} failed; its worker stops", queue.name(), e);
            onFailure.accept(e);
        } finally {
            queue.close();
        }
    }

    private void encode(int task, Object message) throws InterruptedException {
        if (!tryWrite(task, message)) {
            boolean alone = out.position() == 0;
            if (!alone) {
                sendBatch(); // What is batched already, then the message alone in a frame of its own.
            }
            if (alone || !tryWrite(task, message)) {
                reject(task, message);
            }
        }
        if (message instanceof AckBatch b) {
            b.recycle(); // Written (as one message) or, if it did not fit in a frame, reported.
        }
        if (out.position() >= limits.batchBytes()) {
            sendBatch();
        }
    }

    /** Appends a message to the batch; false, with the batch as it was, if it does not fit in a frame. */
    private boolean tryWrite(int task, Object message) {
        int start = out.position();
        try {
            codec.write(out, task, message);
            return true;
        } catch (KryoBufferOverflowException e) {
            out.setPosition(start);
            return false;
        }
    }

    /** Appends a small message (an acker message) that always fits; the batch is sent first if it is full. */
    private void writeSmall(int task, Object message) {
        if (!tryWrite(task, message)) {
            throw new IllegalStateException("Message " + message + " does not fit in an empty frame");
        }
    }

    private void reject(int task, Object message) {
        if (!(message instanceof TupleImpl tuple)) {
            throw new IllegalStateException("Message " + message + " for task " + task + " does not fit in a frame");
        }
        Output counter = new Output(OutputStream.nullOutputStream(), 1 << 16);
        codec.write(counter, task, tuple);
        counter.flush();
        if (out.getBuffer().length > initialBufferBytes) {
            out.setBuffer(new byte[initialBufferBytes], limits.maxFrameBytes() - 1); // Drops the grown buffer.
        }
        oversized.reject(task, tuple, counter.total(), sameLink);
    }

    private void sendBatch() throws InterruptedException {
        if (out.position() == 0) {
            return;
        }
        boolean sent = client.send(Frame.MESSAGES, out.getBuffer(), out.position());
        out.reset();
        if (!sent) {
            running = false;
        }
    }

    /** Stops the link after its current batch. */
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Waits for the link's thread to end after {@link #stop}, so that another link may take over its queue
     * (a queue has one consumer at a time).
     *
     * @return whether it ended within {@code timeoutMs}
     */
    public boolean awaitStopped(long timeoutMs) {
        if (thread == null) {
            return true;
        }
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
