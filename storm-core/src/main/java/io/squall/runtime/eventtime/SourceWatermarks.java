package io.squall.runtime.eventtime;

import io.squall.tuple.Fields;

import java.util.List;

/**
 * The watermarks of one spout task with event time: it reads the event time of every tuple the task emits,
 * and every watermark interval (or after every emit, with an interval of 0) sends each downstream task the
 * newest event time less the bounded out-of-orderness; after the idle timeout without an emit it tells them it is idle, and once the spout has
 * finished it sends the final watermark. Owned by the spout task's thread.
 */
public final class SourceWatermarks {
    /** Sends a watermark to one task. */
    @FunctionalInterface
    public interface Sender {
        /** Sends {@code watermark} to {@code task}. */
        void send(int task, Watermark watermark);
    }

    /** Reads the event time of the values emitted on a stream. */
    @FunctionalInterface
    public interface Extractor {
        /**
         * The event time in epoch milliseconds of {@code values} emitted on {@code streamId} with {@code fields}.
         *
         * @throws IllegalArgumentException naming what is wrong with the values
         */
        long timestamp(String streamId, Fields fields, List<Object> values);
    }

    /** How a spout declared its event time. */
    public record Settings(Extractor extractor, long maxOutOfOrderMs, long intervalMs, long idleTimeoutMs) {
    }

    private final int taskId;
    private final int[] targets;
    private final Settings settings;
    private final Sender sender;
    private long newest = Watermark.NONE;
    private long sent = Watermark.NONE;
    private long lastEmitMs;
    private long nextSendMs;
    private boolean idle;
    private boolean ended;

    /**
     * @param taskId  the spout task
     * @param targets every downstream task
     */
    public SourceWatermarks(int taskId, int[] targets, Settings settings, Sender sender, long nowMs) {
        this.taskId = taskId;
        this.targets = targets.clone();
        this.settings = settings;
        this.sender = sender;
        this.lastEmitMs = nowMs;
        this.nextSendMs = nowMs + settings.intervalMs();
    }

    /**
     * Reads the event time of an emit.
     *
     * @throws IllegalArgumentException if the values have no readable event time
     */
    public void onEmit(String streamId, Fields fields, List<Object> values, long nowMs) {
        long ts = settings.extractor().timestamp(streamId, fields, values);
        if (ts > newest) {
            newest = ts;
        }
        lastEmitMs = nowMs;
        idle = false;
    }

    /**
     * After an emit: with a watermark interval of 0 (punctuated), sends the watermark now if it advanced, so
     * receivers know it before the next tuple.
     */
    public void afterEmit() {
        if (settings.intervalMs() == 0 && !ended) {
            sendIfAdvanced();
        }
    }

    private boolean sendIfAdvanced() {
        long w = newest == Watermark.NONE ? Watermark.NONE : newest - settings.maxOutOfOrderMs() - 1;
        if (w > sent) {
            sent = w;
            broadcast(Watermark.of(taskId, w));
            return true;
        }
        return false;
    }

    /** The watermark this task has sent last; {@link Watermark#NONE} before the first. */
    public long sent() {
        return sent;
    }

    /**
     * Sends what is due at {@code nowMs}: the final watermark once {@code finished}, else the watermark every
     * interval if it advanced, or the idle signal after the idle timeout.
     *
     * @return whether it sent anything
     */
    public boolean onTime(long nowMs, boolean finished) {
        if (ended) {
            return false;
        }
        if (finished) {
            ended = true;
            sent = Watermark.END;
            broadcast(Watermark.of(taskId, Watermark.END));
            return true;
        }
        if (nowMs < nextSendMs) {
            return false;
        }
        nextSendMs = nowMs + Math.max(settings.intervalMs(), 1);
        if (sendIfAdvanced()) {
            return true;
        }
        if (!idle && settings.idleTimeoutMs() > 0 && nowMs - lastEmitMs >= settings.idleTimeoutMs()) {
            idle = true;
            broadcast(Watermark.idle(taskId));
            return true;
        }
        return false;
    }

    private void broadcast(Watermark w) {
        for (int t : targets) {
            sender.send(t, w);
        }
    }
}
