package io.squall.metrics.hdrhistogram;

import io.squall.metric.api.IMetric;
import org.HdrHistogram.Histogram;

/**
 * A v1 metric that records values into an HdrHistogram, as Storm's storm-metrics {@code HistogramMetric}: register it
 * with {@code context.registerMetric(name, metric, seconds)}, call {@link #recordValue} from the task, and each bucket
 * the metrics consumers get an {@link Histogram} of that bucket's values (count, percentiles, max, ...), after which
 * the metric starts empty. A worker's metrics thread takes the buckets while the task records, so both lock the
 * histogram (uncontended but for the moment of a bucket's copy).
 */
public class HistogramMetric implements IMetric {
    private final Histogram histogram;

    /** A histogram that resizes to fit any value, to {@code numberOfSignificantValueDigits} (0 to 5) digits. */
    public HistogramMetric(int numberOfSignificantValueDigits) {
        this(null, numberOfSignificantValueDigits);
    }

    /**
     * A histogram of values up to {@code highestTrackableValue} (null: it resizes to fit any value), to
     * {@code numberOfSignificantValueDigits} (0 to 5) digits.
     */
    public HistogramMetric(Long highestTrackableValue, int numberOfSignificantValueDigits) {
        this(null, highestTrackableValue, numberOfSignificantValueDigits);
    }

    /**
     * A histogram of values from {@code lowestDiscernibleValue} (null: 1; a value below it counts as 0, which suits
     * nanosecond values wanted to the microsecond, with 1000) up to {@code highestTrackableValue} (null: it resizes to
     * fit any value), to {@code numberOfSignificantValueDigits} (0 to 5) digits.
     *
     * @throws IllegalArgumentException naming the bound that is out of range
     */
    public HistogramMetric(Long lowestDiscernibleValue, Long highestTrackableValue,
                           int numberOfSignificantValueDigits) {
        long lowest = lowestDiscernibleValue == null ? 1 : lowestDiscernibleValue;
        if (lowest < 1) {
            throw new IllegalArgumentException("HistogramMetric: lowestDiscernibleValue must be at least 1, got "
                    + lowest);
        }
        if (numberOfSignificantValueDigits < 0 || numberOfSignificantValueDigits > 5) {
            throw new IllegalArgumentException("HistogramMetric: numberOfSignificantValueDigits must be 0 to 5, got "
                    + numberOfSignificantValueDigits);
        }
        if (highestTrackableValue != null && highestTrackableValue < 2 * lowest) {
            throw new IllegalArgumentException("HistogramMetric: highestTrackableValue must be at least twice "
                    + "lowestDiscernibleValue (" + lowest + "), got " + highestTrackableValue);
        }
        histogram = new Histogram(lowest, highestTrackableValue == null ? 2 * lowest : highestTrackableValue,
                numberOfSignificantValueDigits);
        histogram.setAutoResize(highestTrackableValue == null);
    }

    /**
     * Records {@code value}.
     *
     * @throws ArrayIndexOutOfBoundsException when a fixed highest trackable value is exceeded, as HdrHistogram does
     */
    public synchronized void recordValue(long value) {
        histogram.recordValue(value);
    }

    /** A copy of this bucket's histogram; the metric starts the next bucket empty. */
    @Override
    public synchronized Object getValueAndReset() {
        Histogram copy = histogram.copy();
        histogram.reset();
        return copy;
    }
}
