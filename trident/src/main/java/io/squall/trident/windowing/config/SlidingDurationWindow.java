package io.squall.trident.windowing.config;

import io.squall.topology.base.BaseWindowedBolt;

/** The last {@code windowDuration}, every {@code slidingDuration}. */
public final class SlidingDurationWindow implements WindowConfig {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int slide;

    private SlidingDurationWindow(int length, int slide) {
        if (length < 1 || slide < 1) {
            throw new IllegalArgumentException("SlidingDurationWindow lengths must be at least 1, got "
                    + length + " and " + slide);
        }
        this.length = length;
        this.slide = slide;
    }

    /** A window of the last {@code windowDuration}, every {@code slidingDuration}. */
    public static SlidingDurationWindow of(BaseWindowedBolt.Duration windowDuration,
                                           BaseWindowedBolt.Duration slidingDuration) {
        return new SlidingDurationWindow(windowDuration.value, slidingDuration.value);
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
        return Type.SLIDING_DURATION;
    }
}
