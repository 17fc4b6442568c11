package io.squall.trident.windowing.config;

/** Every {@code windowLength} tuples. */
public final class TumblingCountWindow implements WindowConfig {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int slide;

    private TumblingCountWindow(int length, int slide) {
        if (length < 1 || slide < 1) {
            throw new IllegalArgumentException("TumblingCountWindow lengths must be at least 1, got "
                    + length + " and " + slide);
        }
        this.length = length;
        this.slide = slide;
    }

    /** A window of every {@code windowLength} tuples. */
    public static TumblingCountWindow of(int windowLength) {
        return new TumblingCountWindow(windowLength, windowLength);
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
        return Type.TUMBLING_COUNT;
    }
}
