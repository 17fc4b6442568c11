package io.squall.streams.windowing;

import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;

/**
 * A tumbling window: consecutive windows of {@code windowLength} (values or time) that do not overlap.
 *
 * @param <L> the length's type
 */
public class TumblingWindows<L> extends BaseWindow<L, L> {
    private static final long serialVersionUID = 1L;
    private final L windowLength;

    private TumblingWindows(L windowLength) {
        checkSize(windowLength, "length");
        this.windowLength = windowLength;
    }

    /** Windows of {@code count} values. */
    public static TumblingWindows<Count> of(Count count) {
        return new TumblingWindows<>(count);
    }

    /** Windows of {@code duration}. */
    public static TumblingWindows<Duration> of(Duration duration) {
        return new TumblingWindows<>(duration);
    }

    @Override
    public L getWindowLength() {
        return windowLength;
    }

    @Override
    public L getSlidingInterval() {
        return windowLength;
    }

    /** Windows by event time, read from this field of the spout's tuples. */
    public TumblingWindows<L> withTimestampField(String fieldName) {
        timestampField = fieldName;
        return this;
    }

    /** Sends late tuples to this stream of the window's component. */
    public TumblingWindows<L> withLateTupleStream(String streamId) {
        lateTupleStream = streamId;
        return this;
    }

    /** The out-of-orderness allowed by event time. */
    public TumblingWindows<L> withLag(Duration duration) {
        lag = duration;
        return this;
    }
}
