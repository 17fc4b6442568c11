package io.squall.streams.windowing;

import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;

import java.util.Objects;

/**
 * The event-time settings every window shares.
 *
 * @param <L> the length's type
 * @param <I> the sliding interval's type
 */
public abstract class BaseWindow<L, I> implements Window<L, I> {
    private static final long serialVersionUID = 1L;
    protected String timestampField;
    protected String lateTupleStream;
    protected Duration lag;

    static void checkSize(Object size, String what) {
        Objects.requireNonNull(size, what);
        int v = size instanceof Count c ? c.value : ((Duration) size).value;
        if (v <= 0) {
            throw new IllegalArgumentException("a window's " + what + " must be positive, but got " + size);
        }
    }

    @Override
    public String getTimestampField() {
        return timestampField;
    }

    @Override
    public String getLateTupleStream() {
        return lateTupleStream;
    }

    @Override
    public Duration getLag() {
        return lag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BaseWindow<?, ?> w && getClass() == o.getClass()
                && Objects.equals(getWindowLength(), w.getWindowLength())
                && Objects.equals(getSlidingInterval(), w.getSlidingInterval())
                && Objects.equals(timestampField, w.timestampField)
                && Objects.equals(lateTupleStream, w.lateTupleStream) && Objects.equals(lag, w.lag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getWindowLength(), getSlidingInterval(), timestampField, lateTupleStream, lag);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + getWindowLength() + ", " + getSlidingInterval() + ")";
    }
}
