package io.squall.messaging;

import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.queue.ReceiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Carries the messages of one outbound queue to another worker: drains the queue on its own thread, encodes
 * what it drained into batches of at most {@code batchBytes} and sends each as a frame. While the connection
 * is down or slow, {@link MessagingClient#send} waits, the queue fills up and the worker's backpressure
 * stops its spouts: the queue is the bounded buffer kept while disconnected.
 */
public final class OutboundLink implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundLink.class);
    private static final long IDLE_PARK_NANOS = 1_000_000;

    private final ReceiveQueue queue;
    private final MessagingClient client;
    private final WireCodec codec;
    private final int batchBytes;
    private final Output out;
    private final ReceiveQueue.Consumer encoder = this::encode;
    private final Consumer<Throwable> onFailure;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param batchBytes    a batch is sent once it holds this many bytes (and at the end of each drain)
     * @param maxFrameBytes the most a frame may hold; a single larger message fails the link
     * @param onFailure     told, from the link's thread, when a message cannot be encoded and the link stops
     */
    public OutboundLink(ReceiveQueue queue, MessagingClient client, WireCodec codec, int batchBytes,
                        int maxFrameBytes, Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
        this.queue = queue;
        this.client = client;
        this.codec = codec;
        this.batchBytes = batchBytes;
        this.out = new Output(Math.min(batchBytes * 2, maxFrameBytes - 1), maxFrameBytes - 1);
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
        codec.write(out, task, message);
        if (out.position() >= batchBytes) {
            sendBatch();
        }
    }

    private void sendBatch() throws InterruptedException {
        if (out.position() == 0) {
            return;
        }
        byte[] payload = out.toBytes();
        out.reset();
        if (!client.send(new Frame(Frame.MESSAGES, payload))) {
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
