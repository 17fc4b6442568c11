package io.squall.metrics.aggregate;

import java.util.Arrays;

/** The time windows figures are aggregated over, each kept as a ring of buckets of fixed width. */
public enum Window {
    TEN_MINUTES("10m", 600, 30),
    THREE_HOURS("3h", 3 * 3600, 300),
    ONE_DAY("1d", 24 * 3600, 1800),
    ALL_TIME("all", 0, 0);

    private final String label;
    private final long lengthSecs;
    private final long bucketSecs;

    Window(String label, long lengthSecs, long bucketSecs) {
        this.label = label;
        this.lengthSecs = lengthSecs;
        this.bucketSecs = bucketSecs;
    }

    /** How the window is named in the API: {@code 10m}, {@code 3h}, {@code 1d}, {@code all}. */
    public String label() {
        return label;
    }

    /** Length in seconds; 0 for all time. */
    public long lengthSecs() {
        return lengthSecs;
    }

    /** Width of one bucket in seconds; 0 for all time (one bucket). */
    public long bucketSecs() {
        return bucketSecs;
    }

    /** Number of buckets kept. */
    int buckets() {
        return bucketSecs == 0 ? 1 : (int) (lengthSecs / bucketSecs);
    }

    /**
     * The window with that label.
     *
     * @throws IllegalArgumentException naming the labels allowed
     */
    public static Window ofLabel(String label) {
        for (Window w : values()) {
            if (w.label.equals(label)) {
                return w;
            }
        }
        throw new IllegalArgumentException("Unknown window '" + label + "': use one of "
                + Arrays.stream(values()).map(Window::label).toList());
    }
}
