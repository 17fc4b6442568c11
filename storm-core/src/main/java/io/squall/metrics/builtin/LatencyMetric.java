package io.squall.metrics.builtin;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import io.squall.runtime.stats.LatencyHistogram;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A metrics-core {@link Histogram} view of a sampled {@link LatencyHistogram}, in microseconds: reporters
 * see its recent percentiles and the number of samples. Executors record into the latency histogram
 * directly, never through this view.
 */
final class LatencyMetric extends Histogram {
    private final LatencyHistogram latency;

    LatencyMetric(LatencyHistogram latency) {
        super(new View(latency));
        this.latency = latency;
    }

    @Override
    public long getCount() {
        return latency.samples();
    }

    /** Reads the latency histogram; updates go to it too, for completeness. */
    private record View(LatencyHistogram latency) implements Reservoir {
        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, latency.samples());
        }

        @Override
        public void update(long micros) {
            latency.record(micros * 1000);
        }

        @Override
        public Snapshot getSnapshot() {
            return new HdrSnapshot(latency.recent());
        }
    }

    /** A metrics-core snapshot of an HdrHistogram. */
    static final class HdrSnapshot extends Snapshot {
        private final org.HdrHistogram.Histogram h;

        HdrSnapshot(org.HdrHistogram.Histogram h) {
            this.h = h;
        }

        @Override
        public double getValue(double quantile) {
            return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(quantile * 100);
        }

        /** One value per recorded bucket (its highest equivalent value), not one per sample. */
        @Override
        public long[] getValues() {
            long[] out = new long[(int) Math.min(100_000, h.getTotalCount())];
            int i = 0;
            for (var v : h.recordedValues()) {
                if (i == out.length) {
                    break;
                }
                out[i++] = v.getValueIteratedTo();
            }
            return Arrays.copyOf(out, i);
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, h.getTotalCount());
        }

        @Override
        public long getMax() {
            return h.getTotalCount() == 0 ? 0 : h.getMaxValue();
        }

        @Override
        public double getMean() {
            return h.getTotalCount() == 0 ? 0 : h.getMean();
        }

        @Override
        public long getMin() {
            return h.getTotalCount() == 0 ? 0 : h.getMinValue();
        }

        @Override
        public double getStdDev() {
            return h.getTotalCount() == 0 ? 0 : h.getStdDeviation();
        }

        @Override
        public void dump(OutputStream output) {
            try (PrintWriter w = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
                for (long v : getValues()) {
                    w.println(v);
                }
            }
        }
    }
}
