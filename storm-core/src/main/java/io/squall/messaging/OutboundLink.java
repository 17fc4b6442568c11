package io.squall.messaging;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.EncodedBatch;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries the messages of one outbound queue to another worker. The link is a task on its client's event loop,
 * not a thread: it drains the queue, copies the bytes the executors encoded ({@link EncodedBatch}) and encodes the
 * messages that came as objects into frames of at most {@code batchBytes} written
 * straight into the connection, flushes each frame once it is full (the last at the end of the drain), and
 * then, if the queue is empty, sleeps until the next publish schedules it again
 * ({@link ReceiveQueue#bindConsumer(Runnable)}). A crossing thus wakes one thread on
 * the sending side (the event loop) where a link thread and then the event loop were woken before; a busy queue
 * yields frames up to {@code batchBytes}, a quiet one a frame per tuple flushed at once.
 *
 * <p>While the connection is down or above its write buffer's high-water mark the link does not drain: the queue
 * fills up and the worker's backpressure stops its spouts, so the queue is the bounded buffer kept while
 * disconnected. The client's {@link MessagingClient#onReady ready callback} resumes it. A drain that starts below
 * the high-water mark writes everything it drained, so the connection's buffer may pass the mark by at most one
 * queue's worth.
 *
 * <p>A tuple that does not fit in a frame ({@code messaging.max.frame.bytes}) even alone is not sent: it is
 * handed to the {@link Oversized} handler, which fails it, and the link goes on with the next message.
 *
 * <p>Threads: {@link #start}, {@link #stop} and {@link #awaitStopped} from any thread; everything else runs on
 * the client's event loop, which alone touches the encoder's buffer and consumes the queue.
 */
public final class OutboundLink {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);

    /**
     * Sizes of a link's batches.
     *
     * @param batchBytes    a batch is sent once it holds this many bytes (and at the end of each drain)
     * @param maxFrameBytes the most a frame may hold ({@code messaging.max.frame.bytes})
     */
    public record Limits(int batchBytes, int maxFrameBytes) { }

    /** Told about each tuple too large for a frame. Event loop of the link. */
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
    private final EventLoop loop;
    private final WireCodec codec;
    private final Limits limits;
    private final int initialBufferBytes;
    private final Output out;
    private final ReceiveQueue.Consumer encoder = this::encode;
    private final WireCodec.Sink sameLink = this::writeSmall;
    private final Oversized oversized;
    private final Consumer<Throwable> onFailure;
    private final Runnable drainTask = this::drain;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    /** The channel this drain writes into; event loop only. */
    private Channel channel;
    /** Whether the link waits for the client's ready callback (no channel to write to); event loop only. */
    private boolean waitingForChannel;
    private boolean started;
    private boolean finished;

    /**
     * @param oversized told about each tuple that is too large to send
     * @param onFailure told, from the event loop, when the link fails otherwise and stops
     */
    public OutboundLink(ReceiveQueue queue, MessagingClient client, WireCodec codec, Limits limits,
                        Oversized oversized, Consumer<Throwable> onFailure) {
        this.queue = queue;
        this.client = client;
        this.loop = client.eventLoop();
        this.codec = codec;
        this.limits = limits;
        this.oversized = oversized;
        this.onFailure = onFailure;
        this.initialBufferBytes = Math.min(limits.batchBytes() * 2, limits.maxFrameBytes() - 1);
        this.out = new Output(initialBufferBytes, limits.maxFrameBytes() - 1);
    }

    /** Starts the link on its client's event loop. Any thread. */
    public void start() {
        loop.execute(() -> {
            started = true;
            queue.bindConsumer(this::schedule);
            client.onReady(this::resume);
            drain();
        });
    }

    /** Called by the producer that ends the link's sleep; any thread. */
    private void schedule() {
        loop.execute(drainTask);
    }

    /** The client has a channel to write to again (or closed). Event loop. */
    private void resume() {
        if (waitingForChannel) {
            waitingForChannel = false;
            drain();
        }
    }

    /** One turn of the link: drains the queue into the connection, flushes, and sleeps or runs again. */
    private void drain() {
        if (finished) {
            return;
        }
        try {
            if (!running || client.isClosed()) {
                finish();
                return;
            }
            channel = client.writableChannel();
            if (channel == null) {
                waitingForChannel = true; // The queue fills meanwhile; the ready callback resumes the link.
                return;
            }
            int n = queue.drain(encoder);
            sendBatch();
            if (n > 0 || !queue.sleepUnlessMessages()) {
                loop.execute(drainTask); // Behind the loop's other work (the server's reads, other links).
            }
        } catch (Exception e) {
            LOG.error("Link {} failed; its worker stops", queue.name(), e);
            finish();
            onFailure.accept(e);
        }
    }

    private void finish() {
        finished = true;
        running = false;
        if (started) {
            queue.close();
        }
        stopped.countDown();
    }

    private void encode(int task, Object message) {
        if (message instanceof EncodedBatch b) {
            copy(b);
            return;
        }
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

    /**
     * Takes one queue entry of a batch an executor encoded: the first appends the batch's bytes to the frame (a batch
     * is at most a frame's payload), the last hands the batch back.
     */
    private void copy(EncodedBatch b) {
        if (b.take()) {
            int length = b.length();
            if (out.position() + length > limits.maxFrameBytes() - 1) {
                sendBatch();
            }
            out.writeBytes(b.bytes(), 0, length);
            if (out.position() >= limits.batchBytes()) {
                sendBatch();
            }
        }
        if (b.allTaken()) {
            b.recycle();
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

    /**
     * Writes and flushes the batch: a full frame leaves at once, so the receiver decodes it while this drain
     * encodes the next one (a busy queue's drain holds several frames), instead of all of them at the drain's end.
     */
    private void sendBatch() {
        if (out.position() == 0) {
            return;
        }
        client.write(channel, Frame.MESSAGES, out.getBuffer(), out.position());
        out.reset();
        client.flush(channel);
    }

    /** Stops the link after its current drain. Any thread. */
    public void stop() {
        running = false;
        try {
            loop.execute(drainTask);
        } catch (RejectedExecutionException e) {
            stopped.countDown(); // The event loop is gone, and the link with it.
        }
    }

    /**
     * Waits for the link to end after {@link #stop}, so that another link may take over its queue (a queue has one
     * consumer at a time).
     *
     * @return whether it ended within {@code timeoutMs}
     */
    public boolean awaitStopped(long timeoutMs) {
        try {
            return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
