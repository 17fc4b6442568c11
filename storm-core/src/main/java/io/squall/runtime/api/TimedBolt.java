package io.squall.runtime.api;

import io.squall.task.IBolt;

/**
 * A bolt that also acts on the passing of time, not only on tuples: its executor calls {@link #onTime}
 * on the bolt's thread after every batch of tuples and at least every few milliseconds when idle.
 */
public interface TimedBolt extends IBolt {
    /** Lets the bolt act on the time {@code nowMillis} (epoch milliseconds by the topology's clock). */
    void onTime(long nowMillis);
}
