package io.squall.metrics.hdrhistogram;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramMetricTest {
    @Test
    void eachBucketGetsItsOwnValuesThenTheMetricStartsEmpty() {
        HistogramMetric metric = new HistogramMetric(3);
        for (long v = 1; v <= 1000; v++) {
            metric.recordValue(v);
        }
        Histogram first = (Histogram) metric.getValueAndReset();
        assertEquals(1000, first.getTotalCount());
        assertEquals(500, first.getValueAtPercentile(50), 1);
        assertEquals(990, first.getValueAtPercentile(99), 1);
        assertEquals(1000, first.getMaxValue(), 1);
        metric.recordValue(7);
        Histogram second = (Histogram) metric.getValueAndReset();
        assertEquals(1, second.getTotalCount());
        assertEquals(1000, first.getTotalCount(), "a bucket's histogram is a copy, not the live one");
    }

    @Test
    void withoutAHighestValueItResizesAndWithOneItRefusesLargerValues() {
        HistogramMetric open = new HistogramMetric(2);
        open.recordValue(3_600_000_000_000L);
        assertEquals(3_600_000_000_000L, ((Histogram) open.getValueAndReset()).getMaxValue(), 3.6e10);
        HistogramMetric bounded = new HistogramMetric(1000L, 2);
        bounded.recordValue(1000);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> bounded.recordValue(10_000_000));
        HistogramMetric micros = new HistogramMetric(1000L, null, 2);
        micros.recordValue(600);
        micros.recordValue(999);
        assertEquals(2, ((Histogram) micros.getValueAndReset()).getCountAtValue(600),
                "values closer than the lowest discernible value share a bucket");
    }

    @Test
    void boundsOutOfRangeAreNamed() {
        IllegalArgumentException digits = assertThrows(IllegalArgumentException.class, () -> new HistogramMetric(6));
        assertTrue(digits.getMessage().contains("numberOfSignificantValueDigits"), digits.getMessage());
        IllegalArgumentException lowest = assertThrows(IllegalArgumentException.class,
                () -> new HistogramMetric(0L, 10L, 2));
        assertTrue(lowest.getMessage().contains("lowestDiscernibleValue"), lowest.getMessage());
        IllegalArgumentException highest = assertThrows(IllegalArgumentException.class,
                () -> new HistogramMetric(10L, 15L, 2));
        assertTrue(highest.getMessage().contains("highestTrackableValue"), highest.getMessage());
    }
}
