package io.squall.spout;

import java.util.List;

/**
 * A spout that computes the event time of what it emits, for {@code SpoutDeclarer.withEventTime(maxOutOfOrder)}:
 * the runtime calls {@link #getEventTime} on the spout's thread for every emit and sends watermarks downstream
 * from the times it returns. A spout whose event time is a field of its tuples needs no code: declare it with
 * {@code withEventTime(fieldName, maxOutOfOrder)} instead.
 */
public interface IEventTimeSpout extends ISpout {
    /**
     * The event time, in epoch milliseconds, of {@code values} emitted on {@code streamId}.
     *
     * @throws IllegalArgumentException if the values have no event time; the emit fails with the message
     */
    long getEventTime(String streamId, List<Object> values);
}
