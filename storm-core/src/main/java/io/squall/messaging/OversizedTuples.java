package io.squall.messaging;

import io.squall.runtime.Worker;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fails tuples too large to send to another worker, so one oversized value costs one tuple tree, not the
 * worker: reports an {@link OversizedTupleException} naming the component, stream, size and limit as an
 * error of the emitting component (logged, and shown with the topology's errors), and sends a fail for each
 * tree the tuple belongs to, so its spout replays it or gives up on it at once instead of after the message
 * timeout. A fail that cannot be queued (the acker's queue is full) leaves the tree to its timeout, which
 * fails it all the same. Thread-safe; called by links, on their event loops.
 */
public final class OversizedTuples implements OutboundLink.Oversized {
    private static final Logger LOG = LoggerFactory.getLogger(OversizedTuples.class);

    private final Worker worker;
    private final ReceiveQueue link;
    private final int maxFrameBytes;
    private final AtomicLong count;

    /**
     * @param link  the outbound queue of the link whose tuples this handler fails
     * @param count counts the tuples failed, shared by the worker's links
     */
    public OversizedTuples(Worker worker, ReceiveQueue link, int maxFrameBytes, AtomicLong count) {
        this.worker = worker;
        this.link = link;
        this.maxFrameBytes = maxFrameBytes;
        this.count = count;
    }

    @Override
    public void reject(int task, TupleImpl tuple, long bytes, WireCodec.Sink sameLink) {
        long n = count.incrementAndGet();
        String component = tuple.getSourceComponent();
        worker.errors().report(component, tuple.getSourceTask(), new OversizedTupleException("A tuple of "
                + component + " on stream " + tuple.getSourceStreamId() + " for task " + task + " is " + bytes
                + " bytes serialized, more than a frame may hold (messaging.max.frame.bytes = " + maxFrameBytes
                + "); it was failed, not sent (" + n + " so far). Send smaller values or raise the limit."));
        MessageId id = tuple.getMessageId();
        if (id.isUnanchored()) {
            return; // Acking is off or the tuple is not anchored: no tree waits for it.
        }
        ReceiveQueue[] queues = worker.queueByTask();
        for (int i = 0; i < id.size(); i++) {
            long root = id.root(i);
            int acker = worker.ackerTask(root);
            AckMessage.Fail fail = new AckMessage.Fail(root, tuple.getSourceTask());
            if (queues[acker] == link) {
                sameLink.accept(acker, fail);
            } else if (!queues[acker].tryPublish(acker, fail)) {
                LOG.warn("Acker queue {} is full: the tree of the oversized tuple fails at its timeout",
                        queues[acker].name());
            }
        }
    }
}
