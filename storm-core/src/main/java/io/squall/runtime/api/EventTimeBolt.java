package io.squall.runtime.api;

import io.squall.task.IBolt;

/**
 * A bolt that acts on the watermark of its inputs and has a watermark of its own: windowed bolts by event
 * time. Its executor calls every method on the bolt's thread: {@link #onWatermark} whenever the minimum over
 * all its inputs advances (after the tuples that came before it), and forwards {@link #outputWatermark()}
 * downstream whenever that advances. Bolts that do not implement it forward their input watermark unchanged.
 */
public interface EventTimeBolt extends IBolt {
    /** Where a bolt whose inputs send no watermarks reports the watermarks it derives from their tuples. */
    @FunctionalInterface
    interface InputWatermarks {
        /** Every tuple of {@code sourceTask} up to event time {@code watermark} has arrived. */
        void observe(int sourceTask, long watermark);
    }

    /**
     * Called after {@code prepare}, before any tuple: the runtime tracks the bolt's watermarks. When none of the
     * bolt's inputs sends watermarks, {@code deriveInto} is where the bolt reports each input task's watermark,
     * derived from the event times of its tuples; else it is null.
     */
    void useRuntimeWatermarks(InputWatermarks deriveInto);

    /**
     * The inputs' watermark advanced to {@code watermark}: every tuple with an event time at or before it has
     * arrived ({@code Long.MAX_VALUE}: every input has finished).
     */
    void onWatermark(long watermark);

    /** The bolt's own watermark, forwarded downstream: never more than its input watermark, never backwards. */
    long outputWatermark();
}
