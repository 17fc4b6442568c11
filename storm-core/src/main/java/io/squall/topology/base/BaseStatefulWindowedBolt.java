package io.squall.topology.base;

import io.squall.Config;
import io.squall.state.State;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.windowing.TimestampExtractor;

/**
 * A windowed bolt with checkpointed state, as Storm's {@code BaseStatefulWindowedBolt}: set its window with the
 * methods of {@link BaseWindowedBolt} (which return this class here), get the state in {@code initState}, and
 * choose {@link #withPersistence()} to checkpoint the windows' tuples as well.
 *
 * @param <T> the state's type, usually {@code KeyValueState<K, V>}
 */
public abstract class BaseStatefulWindowedBolt<T extends State> extends BaseWindowedBolt
        implements IStatefulWindowedBolt<T> {
    private static final long serialVersionUID = 1L;

    private boolean persistent;
    private long maxEventsInMemory = 1_000_000L;

    /**
     * Keeps the windows' tuples in the state's checkpoints: after a failure the windows resume with the tuples
     * they held, no window that fired before the last checkpoint fires again, and each tuple is acked when the
     * checkpoint that holds it commits (not when it leaves its last window), so the message timeout need only
     * cover a checkpoint, whatever the window's length.
     */
    public BaseStatefulWindowedBolt<T> withPersistence() {
        persistent = true;
        return this;
    }

    /**
     * With {@link #withPersistence()}, the most tuples the windows keep in memory; a tuple that would exceed it
     * is failed (its spout replays it) until windows fire and free room. Default 1,000,000.
     *
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public BaseStatefulWindowedBolt<T> withMaxEventsInMemory(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("withMaxEventsInMemory takes a positive number of tuples, not " + n);
        }
        maxEventsInMemory = n;
        return this;
    }

    /**
     * Names the field that holds each tuple's message id: a number that increases with every tuple its source
     * sends, as a log offset does. Without persistence, the bolt remembers in its checkpoints the highest id of
     * the windows it evaluated, and after a failure it does not evaluate again a window whose tuples are all at
     * or below it. With persistence, a replayed tuple whose id the windows hold already is not added again.
     *
     * @throws IllegalArgumentException if {@code fieldName} is blank
     */
    public BaseStatefulWindowedBolt<T> withMessageIdField(String fieldName) {
        if (fieldName == null || fieldName.isBlank()) {
            throw new IllegalArgumentException("withMessageIdField takes the name of a tuple field, not '" + fieldName
                    + "'");
        }
        windowConfiguration.put(Config.TOPOLOGY_BOLTS_MESSAGE_ID_FIELD_NAME, fieldName);
        return this;
    }

    @Override
    public boolean isPersistent() {
        return persistent;
    }

    @Override
    public long maxEventsInMemory() {
        return maxEventsInMemory;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Count windowLength, Count slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Count windowLength, Duration slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Duration windowLength, Count slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Duration windowLength, Duration slidingInterval) {
        super.withWindow(windowLength, slidingInterval);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Count windowLength) {
        super.withWindow(windowLength);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWindow(Duration windowLength) {
        super.withWindow(windowLength);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withTumblingWindow(Count count) {
        super.withTumblingWindow(count);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withTumblingWindow(Duration duration) {
        super.withTumblingWindow(duration);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withTimestampField(String fieldName) {
        super.withTimestampField(fieldName);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withTimestampExtractor(TimestampExtractor extractor) {
        super.withTimestampExtractor(extractor);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withLateTupleStream(String streamId) {
        super.withLateTupleStream(streamId);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withLag(Duration duration) {
        super.withLag(duration);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withWatermarkInterval(Duration interval) {
        super.withWatermarkInterval(interval);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withSessionWindow(Duration gap, String... keyFields) {
        super.withSessionWindow(gap, keyFields);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withAllowedLateness(Duration lateness) {
        super.withAllowedLateness(lateness);
        return this;
    }

    @Override
    public BaseStatefulWindowedBolt<T> withIdleTimeout(Duration timeout) {
        super.withIdleTimeout(timeout);
        return this;
    }
}
