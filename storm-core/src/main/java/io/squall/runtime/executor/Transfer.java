package io.squall.runtime.executor;

import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.OutboundEncoding;
import io.squall.tuple.TupleSource;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An executor's outgoing side: one {@link Outbox} per destination queue, found by task id in an array.
 * Local targets get the message object itself. Acker messages ({@link #sendAck}) are collected into one
 * {@link AckBatch} per target task and handed to the outbox as one message when the batch is full or at the
 * next {@link #flush}: the acking protocol costs a queue slot per batch, not per message. Messages for a queue
 * whose consumer is the transport to another worker are encoded on this thread ({@link EncodingOutbox}) when the
 * worker says how ({@link OutboundEncoding}). Owned by the executor's thread, except {@link #sentTo}, which any
 * thread may call.
 */
final class Transfer {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Batches kept for reuse per executor; beyond it, recycled batches are left to the garbage collector. A bolt
     * acking the trees of a spout with {@code max.spout.pending} 5000 has up to 5000 / 64 = 79 batches in flight
     * when the spout's thread falls behind (measured: with 64 kept, the bolt made a new batch every few hundred
     * tuples); 256 cover that four times over. Only batches that were once in flight together are ever kept.
     */
    private static final int ACK_BATCH_POOL_SIZE = 256;
    private final Outbox[] byTask;
    private final Outbox[] outboxes;
    /** Messages sent to each task id, for the rates on the topology graph; opaque writes, owner thread. */
    private final long[] sentByTask;
    private final int ackBatchSize;
    /** The open acker-message batch of each task id, or null. */
    private final AckBatch[] ackBatches;
    /** The task ids with an open batch, in the order they were opened; {@code listed} marks them. */
    private final int[] openAckTasks;
    private final boolean[] listed;
    private int openAckCount;
    /** Batches their consumers are done with, to be filled again; consumers offer, this executor polls. */
    private final ManyToOneConcurrentArrayQueue<AckBatch> ackBatchPool;
    /** The executor's counts, published before anything its outboxes publish. */
    final RoundCounts counts = new RoundCounts();

    /**
     * @param queueByTask the receive queue of every task id (null for ids that do not exist)
     */
    Transfer(ReceiveQueue[] queueByTask, int batchSize) {
        this(queueByTask, batchSize, () -> null, q -> false);
    }

    /**
     * @param queueByTask the receive queue of every task id (null for ids that do not exist)
     * @param encoding    how to encode messages for other workers, asked at the first message for another worker;
     *                    it may give null, and then they are handed over as objects
     * @param outbound    which of the queues the transport to another worker consumes
     */
    Transfer(ReceiveQueue[] queueByTask, int batchSize, Supplier<OutboundEncoding> encoding,
             Predicate<ReceiveQueue> outbound) {
        Map<ReceiveQueue, Outbox> byQueue = new IdentityHashMap<>();
        byTask = new Outbox[queueByTask.length];
        sentByTask = new long[queueByTask.length];
        EncodingOutbox.Encoder encoder = new EncodingOutbox.Encoder(encoding);
        for (int t = 0; t < queueByTask.length; t++) {
            ReceiveQueue q = queueByTask[t];
            if (q != null) {
                byTask[t] = byQueue.computeIfAbsent(q, k -> outbound.test(k)
                        ? new EncodingOutbox(k, batchSize, counts, encoder) : new Outbox(k, batchSize, counts));
            }
        }
        List<Outbox> all = new ArrayList<>(byQueue.values());
        outboxes = all.toArray(new Outbox[0]);
        ackBatchSize = batchSize;
        ackBatches = new AckBatch[queueByTask.length];
        openAckTasks = new int[queueByTask.length];
        listed = new boolean[queueByTask.length];
        ackBatchPool = new ManyToOneConcurrentArrayQueue<>(ACK_BATCH_POOL_SIZE);
    }

    /** Sends a message to a task; it is published with its batch. */
    void send(int task, Object message) {
        outbox(task).add(task, message);
        COUNT.setOpaque(sentByTask, task, sentByTask[task] + 1);
    }

    /**
     * Sends a tuple in one tree, {@code TupleImpl.ofTree(source, values, root, edge)}: a task of another worker gets
     * it encoded from these parts, without the tuple being made here. Published with its batch.
     */
    void sendOfTree(int task, TupleSource source, List<Object> values, long root, long edge) {
        outbox(task).addOfTree(task, source, values, root, edge);
        COUNT.setOpaque(sentByTask, task, sentByTask[task] + 1);
    }

    /**
     * Sends a spout's first tuple in tree {@code root} (not 0) as its parts: the receiving queue's consumer gets
     * {@code TupleImpl.firstOfTree(source, values, root)}, made on its thread, so this thread allocates nothing for
     * it. Published with its batch.
     */
    void sendFirstOfTree(int task, TupleSource source, List<Object> values, long root) {
        outbox(task).addFirstOfTree(task, source, values, root);
        COUNT.setOpaque(sentByTask, task, sentByTask[task] + 1);
    }

    /**
     * Sends an acker message (see {@link AckBatch#add}) to a task; it goes into the task's batch, which is
     * published with the next flush, or now if it is full.
     */
    void sendAck(int task, byte kind, long root, long xor, int taskArg) {
        Outbox o = outbox(task);
        AckBatch b = ackBatches[task];
        if (b == null) {
            b = ackBatchPool.poll();
            if (b == null) {
                b = new AckBatch(ackBatchSize, ackBatchPool);
            }
            ackBatches[task] = b;
            if (!listed[task]) {
                listed[task] = true;
                openAckTasks[openAckCount++] = task;
            }
        }
        b.add(kind, root, xor, taskArg);
        COUNT.setOpaque(sentByTask, task, sentByTask[task] + 1);
        if (b.size() >= ackBatchSize) {
            ackBatches[task] = null;
            o.add(task, b);
        }
    }

    private Outbox outbox(int task) {
        Outbox o = task >= 0 && task < byTask.length ? byTask[task] : null;
        if (o == null) {
            throw new IllegalArgumentException("No task " + task + " in this topology");
        }
        return o;
    }

    /** Hands every open acker-message batch to its outbox. */
    private void closeAckBatches() {
        for (int i = 0; i < openAckCount; i++) {
            int task = openAckTasks[i];
            listed[task] = false;
            AckBatch b = ackBatches[task];
            if (b != null) {
                ackBatches[task] = null;
                byTask[task].add(task, b);
            }
        }
        openAckCount = 0;
    }

    /** Messages sent to {@code task} so far (tuples and acker messages). Any thread; may lag slightly. */
    long sentTo(int task) {
        return task >= 0 && task < sentByTask.length ? (long) COUNT.getOpaque(sentByTask, task) : 0;
    }

    /**
     * Publishes everything buffered, as far as the queues have room.
     *
     * @return how many messages were published
     */
    int flush() {
        counts.publish();
        if (openAckCount > 0) {
            closeAckBatches();
        }
        int n = 0;
        for (Outbox o : outboxes) {
            n += o.flush();
        }
        return n;
    }

    /** Messages held in the outboxes because their queues were full. Any thread; may lag slightly. */
    long depth() {
        long n = 0;
        for (Outbox o : outboxes) {
            n += o.depth();
        }
        return n;
    }

    /** Returns every backpressure token held; the executor is stopping. */
    void close() {
        counts.publish();
        for (Outbox o : outboxes) {
            o.close();
        }
    }
}
