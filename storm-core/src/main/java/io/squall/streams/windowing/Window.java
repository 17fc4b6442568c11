package io.squall.streams.windowing;

import io.squall.topology.base.BaseWindowedBolt.Duration;

import java.io.Serializable;

/**
 * A window of a {@code Stream}: its length and sliding interval, each a {@code Count} or a {@code Duration}.
 *
 * @param <L> the length's type
 * @param <I> the sliding interval's type
 */
public interface Window<L, I> extends Serializable {
    /** The window's length. */
    L getWindowLength();

    /** How often the window fires. */
    I getSlidingInterval();

    /** The values' timestamp field for windows by event time, or null for processing time. */
    String getTimestampField();

    /** The stream that late values go to, or null. */
    String getLateTupleStream();

    /** How far behind the newest timestamp a value may arrive before it is late, or null. */
    Duration getLag();
}
