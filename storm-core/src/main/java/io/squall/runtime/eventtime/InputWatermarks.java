package io.squall.runtime.eventtime;

import java.util.Arrays;

/**
 * The watermark of one receiving task: the minimum over every upstream task the topology declares, not only
 * those that sent something, so a task that has not sent yet holds it back. An upstream task stops holding
 * it back while it is idle: after it said so (an idle {@link Watermark}), or, with an idle timeout, after it
 * sent no tuple and no advancing watermark for that long; it rejoins with its next tuple or watermark. The
 * combined watermark never goes backwards. Owned by the receiving task's thread.
 */
public final class InputWatermarks {
    private final int[] tasks;
    /** Index into the per-input arrays by task id, -1 for tasks that are not inputs. */
    private final int[] indexByTask;
    private final long[] watermark;
    private final long[] lastHeardMs;
    private final boolean[] heard;
    private final boolean[] saidIdle;
    private final long idleTimeoutMs;
    private long combined = Watermark.NONE;
    private boolean changed;

    /**
     * @param inputTasks    every upstream task whose watermarks this task waits for
     * @param idleTimeoutMs how long an input may stay silent before it stops holding the watermark back; 0 never
     * @param nowMs         the time now: a silent input's idle timeout counts from here
     */
    public InputWatermarks(int[] inputTasks, long idleTimeoutMs, long nowMs) {
        if (inputTasks.length == 0) {
            throw new IllegalArgumentException("A task with event-time inputs needs at least one input task");
        }
        this.tasks = inputTasks.clone();
        int max = Arrays.stream(tasks).max().orElse(0);
        this.indexByTask = new int[max + 1];
        Arrays.fill(indexByTask, -1);
        for (int i = 0; i < tasks.length; i++) {
            indexByTask[tasks[i]] = i;
        }
        this.watermark = new long[tasks.length];
        Arrays.fill(watermark, Watermark.NONE);
        this.lastHeardMs = new long[tasks.length];
        Arrays.fill(lastHeardMs, nowMs);
        this.heard = new boolean[tasks.length];
        this.saidIdle = new boolean[tasks.length];
        this.idleTimeoutMs = idleTimeoutMs;
    }

    private int index(int task) {
        return task >= 0 && task < indexByTask.length ? indexByTask[task] : -1;
    }

    /** The upstream tasks, in the order given. */
    public int[] tasks() {
        return tasks.clone();
    }

    /** Whether {@code task} is one of the inputs. */
    public boolean isInput(int task) {
        return index(task) >= 0;
    }

    /** A tuple arrived from {@code task}: it is not idle. Cheap enough for every tuple. */
    public void onTuple(int task) {
        int i = index(task);
        if (i >= 0) {
            heard[i] = true;
            if (saidIdle[i]) {
                saidIdle[i] = false;
                changed = true;
            }
        }
    }

    /**
     * A watermark derived from a tuple of {@code task} (its event time less the allowed lag): the task sends
     * none itself. Cheap enough for every tuple.
     */
    public void observe(int task, long time) {
        int i = index(task);
        if (i >= 0 && time > watermark[i]) {
            watermark[i] = time;
            heard[i] = true;
            changed = true;
        }
    }

    /** A watermark arrived; those from tasks that are not inputs are ignored. */
    public void onWatermark(Watermark w, long nowMs) {
        int i = index(w.sourceTask());
        if (i < 0) {
            return;
        }
        if (w.idle()) {
            saidIdle[i] = true;
            changed = true;
            return;
        }
        if (saidIdle[i]) {
            saidIdle[i] = false;
            changed = true;
        }
        if (w.time() > watermark[i]) {
            watermark[i] = w.time();
            lastHeardMs[i] = nowMs;
            changed = true;
        }
    }

    /**
     * The combined watermark at {@code nowMs}: the minimum over the inputs that are not idle (each input's
     * latest promise), never less than before. While every input is idle it stays where it was.
     */
    public long current(long nowMs) {
        if (!changed && idleTimeoutMs == 0) {
            return combined;
        }
        changed = false;
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (int i = 0; i < tasks.length; i++) {
            if (heard[i]) {
                heard[i] = false;
                lastHeardMs[i] = nowMs;
            }
            if (isIdle(i, nowMs)) {
                continue;
            }
            any = true;
            min = Math.min(min, watermark[i]);
        }
        if (any && min > combined) {
            combined = min;
        }
        return combined;
    }

    /** Whether every input is idle (and none has finished with the final watermark only). */
    public boolean allIdle(long nowMs) {
        for (int i = 0; i < tasks.length; i++) {
            if (!isIdle(i, nowMs) && watermark[i] != Watermark.END) {
                return false;
            }
        }
        for (int i = 0; i < tasks.length; i++) {
            if (watermark[i] != Watermark.END) {
                return true;
            }
        }
        return false; // Every input finished: that is the end, not idleness.
    }

    private boolean isIdle(int i, long nowMs) {
        if (watermark[i] == Watermark.END) {
            return false;
        }
        return saidIdle[i] || idleTimeoutMs > 0 && nowMs - lastHeardMs[i] >= idleTimeoutMs;
    }
}
