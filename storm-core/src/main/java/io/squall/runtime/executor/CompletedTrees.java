package io.squall.runtime.executor;

import io.squall.runtime.stats.ComponentStats;

import java.util.Arrays;

/**
 * The trees a spout executor ended while handling one acker message (usually a batch of many), kept until their
 * callbacks run: the executor first takes every tree of the message out of its pending table, counting them,
 * then publishes the counts to the component's shared counters once ({@code LongAdder}s, an atomic add each),
 * and only then calls the spouts back, in the order the trees ended. A callback therefore still sees its tree
 * counted, as when each tree was counted alone, and a batch of 64 acks costs two atomic adds instead of 128.
 *
 * <p>A tree's task is kept only where it differs from the tree before it (a run of trees of one task, usually the
 * whole batch, stores it once): under G1 every reference store into these long-lived columns runs the collector's
 * post-write barrier and its memory fence, so a tree pays for one such store (its message id), not two.
 * Executor thread only.
 *
 * @param <T> the spout task that emitted a tree
 */
final class CompletedTrees<T> {
    /** The failing task of a tree that was acked, not failed. */
    private static final int ACKED = Integer.MIN_VALUE;

    /** Per tree: its task if it differs from the task of the tree before it in the batch, else null. */
    private Object[] tasks = new Object[64];
    private Object[] messageIds = new Object[64];
    private long[] latencies = new long[64];
    /** Per tree: {@link #ACKED}, or the task that failed it (-1 if unknown). */
    private int[] failingTasks = new int[64];
    private int size;
    /** The acked trees added since the last {@link #publishCounts}, the sum and largest of their latencies. */
    private long ackedCount;
    private long latencySum;
    private long latencyMax;
    /** The task of the last tree added since the last {@link #callBack}, or null. */
    private Object lastTask;

    /** Adds a tree that completed {@code latencyNanos} after its emit. */
    void acked(T task, Object messageId, long latencyNanos) {
        add(task, messageId, latencyNanos, ACKED);
        ackedCount++;
        latencySum += latencyNanos;
        if (latencyNanos > latencyMax) {
            latencyMax = latencyNanos;
        }
    }

    /** Adds a tree that {@code failingTask} failed (-1 if unknown). */
    void failed(T task, Object messageId, int failingTask) {
        add(task, messageId, 0, Math.max(-1, failingTask));
    }

    private void add(T task, Object messageId, long latencyNanos, int failingTask) {
        if (size == tasks.length) {
            int n = size * 2;
            tasks = Arrays.copyOf(tasks, n);
            messageIds = Arrays.copyOf(messageIds, n);
            latencies = Arrays.copyOf(latencies, n);
            failingTasks = Arrays.copyOf(failingTasks, n);
        }
        if (task != lastTask) {
            tasks[size] = task;
            lastTask = task;
        }
        messageIds[size] = messageId;
        latencies[size] = latencyNanos;
        failingTasks[size] = failingTask;
        size++;
    }

    /** Trees waiting for their callbacks. */
    int size() {
        return size;
    }

    /**
     * Adds the acked trees kept since the last call, and the sum and largest of their complete latencies, to the
     * component's counters: before the callbacks, so that whoever a callback tells sees its tree counted.
     */
    void publishCounts(ComponentStats stats) {
        if (ackedCount == 0) {
            return;
        }
        stats.acked.add(ackedCount);
        stats.completeLatencies(latencySum, latencyMax);
        ackedCount = 0;
        latencySum = 0;
        latencyMax = 0;
    }

    /** Receives the callbacks of the kept trees, in the order they ended. */
    interface Callbacks<T> {
        void acked(T task, Object messageId, long latencyNanos);

        void failed(T task, Object messageId, int failingTask);
    }

    /**
     * Calls back every kept tree in order and forgets them all, also when a callback throws (the executor then
     * stops: user exceptions are caught inside the callbacks).
     */
    @SuppressWarnings("unchecked")
    void callBack(Callbacks<T> callbacks) {
        int n = size;
        T task = null;
        try {
            for (int i = 0; i < n; i++) {
                Object t = tasks[i];
                if (t != null) {
                    task = (T) t;
                }
                Object id = messageIds[i];
                if (failingTasks[i] == ACKED) {
                    callbacks.acked(task, id, latencies[i]);
                } else {
                    callbacks.failed(task, id, failingTasks[i]);
                }
            }
        } finally {
            // The columns must not keep message ids (the spout's objects) alive, and a task is stored only at the
            // start of a run: every slot is null again before the next batch.
            Arrays.fill(tasks, 0, n, null);
            Arrays.fill(messageIds, 0, n, null);
            size = 0;
            lastTask = null;
        }
    }
}
