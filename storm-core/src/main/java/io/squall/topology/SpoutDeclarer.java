package io.squall.topology;

import java.time.Duration;

/** Returned by {@link TopologyBuilder#setSpout}: configure the spout. */
public interface SpoutDeclarer extends ComponentConfigurationDeclarer<SpoutDeclarer> {
    /**
     * The spout's tuples carry their event time (epoch milliseconds) in field {@code timestampField}, and it
     * emits them at most {@code maxOutOfOrder} out of order. Each of its tasks then sends watermarks downstream:
     * every watermark interval, the newest event time it emitted less {@code maxOutOfOrder}. Every stream the
     * spout emits on must have the field.
     */
    SpoutDeclarer withEventTime(String timestampField, Duration maxOutOfOrder);

    /**
     * Like {@link #withEventTime(String, Duration)} for a spout that computes the event time of its tuples: it
     * must implement {@link io.squall.spout.IEventTimeSpout}.
     */
    SpoutDeclarer withEventTime(Duration maxOutOfOrder);

    /**
     * How often each task sends its watermark (default 200 ms); {@code Duration.ZERO} sends it after every emit
     * that advances it (punctuated), so what is late does not depend on how fast the spout runs.
     */
    SpoutDeclarer withWatermarkInterval(Duration interval);

    /**
     * A task that emitted nothing for {@code timeout} tells its receivers that it is idle, so it no longer
     * holds their watermark back; it rejoins with its next tuple.
     */
    SpoutDeclarer withIdleTimeout(Duration timeout);
}
