package io.squall.trident.windowing.config;

/** The last {@code windowCount} tuples, every {@code slidingCount} tuples. */
public final class SlidingCountWindow implements WindowConfig {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int slide;

    private SlidingCountWindow(int length, int slide) {
        if (length < 1 || slide < 1) {
            throw new IllegalArgumentException("SlidingCountWindow lengths must be at least 1, got "
                    + length + " and " + slide);
        }
        this.length = length;
        this.slide = slide;
    }

    /** A window of the last {@code windowCount} tuples, every {@code slidingCount} tuples. */
    public static SlidingCountWindow of(int windowCount, int slidingCount) {
        return new SlidingCountWindow(windowCount, slidingCount);
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
        return Type.SLIDING_COUNT;
    }
}
