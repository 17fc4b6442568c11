package io.squall.runtime.eventtime;

/**
 * A control message that travels to a task alongside its tuples: the sending task promises that it sends no
 * more tuples with an event time at or before {@code time}. {@link #END} says that the sender has finished
 * (end of input): it flushes every window downstream. An idle watermark says that the sender has nothing to
 * send for now and must not hold its receivers back; it rejoins with its next tuple or watermark.
 *
 * @param sourceTask the task that sent it
 * @param time       event time in epoch milliseconds, inclusive; ignored when {@code idle}
 * @param idle       whether the sender went idle instead of advancing
 */
public record Watermark(int sourceTask, long time, boolean idle) {
    /** The time of the final watermark of a finished source. */
    public static final long END = Long.MAX_VALUE;
    /** The watermark of a task that has promised nothing yet. */
    public static final long NONE = Long.MIN_VALUE;

    /** A watermark at {@code time} from {@code sourceTask}. */
    public static Watermark of(int sourceTask, long time) {
        return new Watermark(sourceTask, time, false);
    }

    /** The sender has gone idle. */
    public static Watermark idle(int sourceTask) {
        return new Watermark(sourceTask, NONE, true);
    }

    /** Whether this is the final watermark of a finished source. */
    public boolean isEnd() {
        return !idle && time == END;
    }
}
