package io.squall.trident.windowing.config;

import io.squall.topology.base.BaseWindowedBolt;

/** Every {@code windowLength} of time. */
public final class TumblingDurationWindow implements WindowConfig {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int slide;

    private TumblingDurationWindow(int length, int slide) {
        if (length < 1 || slide < 1) {
            throw new IllegalArgumentException("TumblingDurationWindow lengths must be at least 1, got "
                    + length + " and " + slide);
        }
        this.length = length;
        this.slide = slide;
    }

    /** A window of every {@code windowLength} of time. */
    public static TumblingDurationWindow of(BaseWindowedBolt.Duration windowLength) {
        return new TumblingDurationWindow(windowLength.value, windowLength.value);
    }

    @Override
    public int getWindowLength() {
        return length;
    }

    @Override
    public int getSlidingLength() {
        return slide;
    }

    @Override
    public Type getWindowType() {
        return Type.TUMBLING_DURATION;
    }
}
