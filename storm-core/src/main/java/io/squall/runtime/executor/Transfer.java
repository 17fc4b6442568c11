package io.squall.runtime.executor;

import io.squall.runtime.queue.ReceiveQueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executor's outgoing side: one {@link Outbox} per destination queue, found by task id in an array.
 * Local targets get the message object itself. Owned by the executor's thread, except
 * {@link #sentTo}, which any thread may call.
 */
final class Transfer {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private final Outbox[] byTask;
    private final Outbox[] outboxes;
    /** Messages sent to each task id, for the rates on the topology graph; opaque writes, owner thread. */
    private final long[] sentByTask;

    /**
     * @param queueByTask the receive queue of every task id (null for ids that do not exist)
     */
    Transfer(ReceiveQueue[] queueByTask, int batchSize) {
        Map<ReceiveQueue, Outbox> byQueue = new IdentityHashMap<>();
        byTask = new Outbox[queueByTask.length];
        sentByTask = new long[queueByTask.length];
        for (int t = 0; t < queueByTask.length; t++) {
            ReceiveQueue q = queueByTask[t];
            if (q != null) {
                byTask[t] = byQueue.computeIfAbsent(q, k -> new Outbox(k, batchSize));
            }
        }
        List<Outbox> all = new ArrayList<>(byQueue.values());
        outboxes = all.toArray(new Outbox[0]);
    }

    /** Sends a message to a task; it is published with its batch. */
    void send(int task, Object message) {
        Outbox o = task >= 0 && task < byTask.length ? byTask[task] : null;
        if (o == null) {
            throw new IllegalArgumentException("No task " + task + " in this topology");
        }
        o.add(task, message);
        COUNT.setOpaque(sentByTask, task, sentByTask[task] + 1);
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
        for (Outbox o : outboxes) {
            o.close();
        }
    }
}
