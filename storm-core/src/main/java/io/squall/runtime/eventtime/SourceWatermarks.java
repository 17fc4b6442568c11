package io.squall.runtime.eventtime;

import io.squall.tuple.Fields;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The watermarks of one spout task with event time: it reads the event time of every tuple the task emits,
 * and every watermark interval (or after every emit, with an interval of 0) sends each downstream task the
 * newest event time less the bounded out-of-orderness; after the idle timeout without an emit it tells them it is idle, and once the spout has
 * finished it sends the final watermark. Owned by the spout task's thread.
 *
 * <p>A spout that reads several partitions ({@link Partitions}) gets a watermark per partition instead: the newest
 * event time of each partition less the out-of-orderness, and the task sends the minimum over its partitions, leaving
 * out those idle for the idle timeout without a backlog (when all are idle, it is the newest any of them reached). A
 * partition that has emitted nothing yet holds the watermark back (until it goes idle); one the spout no longer reads
 * stops counting. The watermark sent never goes back: a partition that rejoins behind it holds it where it is until
 * it has caught up.
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

    /** The partitions of a spout that reads several at once, each at its own pace. Called on the task's thread. */
    public interface Partitions {
        /** The partition of the tuple being emitted. */
        Object current();

        /** The partitions read now. */
        Collection<?> all();

        /** Whether {@code partition} has tuples not emitted yet: then it is not idle. */
        boolean hasBacklog(Object partition);
    }

    /**
     * How a spout declared its event time.
     *
     * @param partitions the spout's partitions for a watermark per partition, or null for one over all its emits
     */
    public record Settings(Extractor extractor, long maxOutOfOrderMs, long intervalMs, long idleTimeoutMs,
                           Partitions partitions) {
        /** Settings for a spout without partitions. */
        public Settings(Extractor extractor, long maxOutOfOrderMs, long intervalMs, long idleTimeoutMs) {
            this(extractor, maxOutOfOrderMs, intervalMs, idleTimeoutMs, null);
        }
    }

    /** The newest event time and the last emit of one partition. */
    private static final class PartitionTime {
        long newest = Watermark.NONE;
        long lastEmitMs;

        PartitionTime(long nowMs) {
            lastEmitMs = nowMs;
        }
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
    /** Per partition, when the spout has partitions; else null. */
    private final Map<Object, PartitionTime> byPartition;
    private long lastNowMs;

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
        this.lastNowMs = nowMs;
        this.byPartition = settings.partitions() == null ? null : new HashMap<>();
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
        lastNowMs = nowMs;
        idle = false;
        if (byPartition != null) {
            PartitionTime p = byPartition.computeIfAbsent(settings.partitions().current(),
                    k -> new PartitionTime(nowMs));
            if (ts > p.newest) {
                p.newest = ts;
            }
            p.lastEmitMs = nowMs;
        }
    }

    /**
     * After an emit: with a watermark interval of 0 (punctuated), sends the watermark now if it advanced, so
     * receivers know it before the next tuple.
     */
    public void afterEmit() {
        if (settings.intervalMs() == 0 && !ended) {
            sendIfAdvanced(lastNowMs);
        }
    }

    private boolean sendIfAdvanced(long nowMs) {
        long w = byPartition != null ? partitionsWatermark(nowMs) : bounded(newest);
        if (w > sent) {
            sent = w;
            broadcast(Watermark.of(taskId, w));
            return true;
        }
        return false;
    }

    private long bounded(long eventTime) {
        return eventTime == Watermark.NONE ? Watermark.NONE : eventTime - settings.maxOutOfOrderMs() - 1;
    }

    /**
     * The minimum over the partitions read now that are not idle; NONE while one of them has not emitted yet. When
     * every partition is idle none holds the watermark back: it is the newest any of them reached.
     */
    private long partitionsWatermark(long nowMs) {
        Collection<?> read = settings.partitions().all();
        byPartition.keySet().retainAll(read);
        long min = Watermark.END;
        long newestIdle = Watermark.NONE;
        boolean active = false;
        for (Object partition : read) {
            PartitionTime p = byPartition.computeIfAbsent(partition, k -> new PartitionTime(nowMs));
            if (isIdle(partition, p, nowMs)) {
                newestIdle = Math.max(newestIdle, bounded(p.newest));
            } else {
                min = Math.min(min, bounded(p.newest));
                active = true;
            }
        }
        return active ? min : newestIdle;
    }

    private boolean isIdle(Object partition, PartitionTime p, long nowMs) {
        return settings.idleTimeoutMs() > 0 && nowMs - p.lastEmitMs >= settings.idleTimeoutMs()
                && !settings.partitions().hasBacklog(partition);
    }

    /** Whether every partition read now is idle (true without partitions). */
    private boolean partitionsIdle(long nowMs) {
        for (Object partition : settings.partitions().all()) {
            PartitionTime p = byPartition.get(partition);
            if (p == null || !isIdle(partition, p, nowMs)) {
                return false;
            }
        }
        return true;
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
        lastNowMs = nowMs;
        if (sendIfAdvanced(nowMs)) {
            return true;
        }
        if (!idle && settings.idleTimeoutMs() > 0 && nowMs - lastEmitMs >= settings.idleTimeoutMs()
                && (byPartition == null || partitionsIdle(nowMs))) {
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
