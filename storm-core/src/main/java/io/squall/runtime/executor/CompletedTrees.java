package io.squall.runtime.executor;

import io.squall.runtime.stats.ComponentStats;

import java.util.Arrays;

/**
 * The trees a spout executor ended while handling one acker message (usually a batch of many), kept until their
 * callbacks run: the executor first takes every tree of the message out of its pending table, counting them,
 * then publishes the counts to the component's shared counters once ({@code LongAdder}s, an atomic add each),
 * and only then calls the spouts back, in the order the trees ended. A callback therefore still sees its tree
 * counted, as when each tree was counted alone, and a batch of 64 acks costs two atomic adds instead of 128.
 * Executor thread only.
 *
 * @param <T> the spout task that emitted a tree
 */
final class CompletedTrees<T> {
    /** The failing task of a tree that was acked, not failed. */
    private static final int ACKED = Integer.MIN_VALUE;

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
        tasks[size] = task;
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
        try {
            for (int i = 0; i < n; i++) {
                T task = (T) tasks[i];
                Object id = messageIds[i];
                tasks[i] = null;
                messageIds[i] = null;
                if (failingTasks[i] == ACKED) {
                    callbacks.acked(task, id, latencies[i]);
                } else {
                    callbacks.failed(task, id, failingTasks[i]);
                }
            }
        } finally {
            Arrays.fill(tasks, 0, n, null);
            Arrays.fill(messageIds, 0, n, null);
            size = 0;
        }
    }
}
