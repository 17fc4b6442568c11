package io.squall.streams.windowing;

import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;

/**
 * A sliding window: the last {@code windowLength} (values or time), firing every {@code slidingInterval}.
 *
 * @param <L> the length's type
 * @param <I> the sliding interval's type
 */
public class SlidingWindows<L, I> extends BaseWindow<L, I> {
    private static final long serialVersionUID = 1L;
    private final L windowLength;
    private final I slidingInterval;

    private SlidingWindows(L windowLength, I slidingInterval) {
        checkSize(windowLength, "length");
        checkSize(slidingInterval, "sliding interval");
        this.windowLength = windowLength;
        this.slidingInterval = slidingInterval;
    }

    /** The last {@code windowLength} values, every {@code slidingInterval} values. */
    public static SlidingWindows<Count, Count> of(Count windowLength, Count slidingInterval) {
        return new SlidingWindows<>(windowLength, slidingInterval);
    }

    /** The last {@code windowLength} of time, every {@code slidingInterval}. */
    public static SlidingWindows<Duration, Duration> of(Duration windowLength, Duration slidingInterval) {
        return new SlidingWindows<>(windowLength, slidingInterval);
    }

    /** The last {@code windowLength} values, every {@code slidingInterval} of time. */
    public static SlidingWindows<Count, Duration> of(Count windowLength, Duration slidingInterval) {
        return new SlidingWindows<>(windowLength, slidingInterval);
    }

    /** The last {@code windowLength} of time, every {@code slidingInterval} values. */
    public static SlidingWindows<Duration, Count> of(Duration windowLength, Count slidingInterval) {
        return new SlidingWindows<>(windowLength, slidingInterval);
    }

    @Override
    public L getWindowLength() {
        return windowLength;
    }

    @Override
    public I getSlidingInterval() {
        return slidingInterval;
    }

    /** Windows by event time, read from this field of the spout's tuples. */
    public SlidingWindows<L, I> withTimestampField(String fieldName) {
        timestampField = fieldName;
        return this;
    }

    /** Sends late tuples to this stream of the window's component. */
    public SlidingWindows<L, I> withLateTupleStream(String streamId) {
        lateTupleStream = streamId;
        return this;
    }

    /** The out-of-orderness allowed by event time. */
    public SlidingWindows<L, I> withLag(Duration duration) {
        lag = duration;
        return this;
    }
}
