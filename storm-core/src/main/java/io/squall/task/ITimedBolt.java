package io.squall.task;

/**
 * A bolt that also acts on the passing of time, not only on tuples: its executor calls {@link #onTime}
 * on the bolt's thread after every batch of tuples and at least every few milliseconds when idle.
 */
public interface ITimedBolt extends IBolt {
    /** Lets the bolt act on the time {@code nowMillis} (wall-clock milliseconds). */
    void onTime(long nowMillis);
}
