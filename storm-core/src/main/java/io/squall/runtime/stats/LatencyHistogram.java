package io.squall.runtime.stats;

import io.squall.utils.Clock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of one component, in microseconds, for percentiles. Executors record only a sample of their
 * tuples (every n-th, decided by the caller), so the cost on the tuple path is amortised: a sampled
 * {@link #record} is two uncontended atomic increments and an array increment (HdrHistogram's
 * {@link Recorder}). Any number of writer threads; readers call {@link #recent()} or the sums.
 *
 * <p>{@link #recent()} covers the values recorded in the current and the previous period of
 * {@code periodNanos}, so percentiles follow what the component does now, not since it started.
 */
public final class LatencyHistogram {
    /** Two significant digits: 1% error on every percentile, a few kilobytes of counts. */
    private static final int DIGITS = 2;
    private static final long HIGHEST_US = TimeUnit.HOURS.toMicros(1);

    private final Recorder recorder = new Recorder(1, HIGHEST_US, DIGITS);
    private final LongAdder samples = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();
    private final long periodNanos;
    /** Guarded by {@code this}. */
    private Histogram current = newHistogram();
    private Histogram previous = newHistogram();
    private Histogram scratch;
    private final Clock clock;
    private long periodStartNanos;

    /** A histogram whose {@link #recent()} view spans one to two periods of {@code periodNanos} of {@code clock}. */
    public LatencyHistogram(long periodNanos, Clock clock) {
        this.periodNanos = periodNanos;
        this.clock = clock;
        this.periodStartNanos = clock.nanoTime();
    }

    private static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_US, DIGITS);
    }

    /** Records one sampled latency. Any thread. */
    public void record(long nanos) {
        long n = Math.max(0, nanos);
        recorder.recordValue(Math.min(HIGHEST_US, n / 1000));
        samples.increment();
        sumNanos.add(n);
    }

    /** Number of values recorded since the start. */
    public long samples() {
        return samples.sum();
    }

    /** Sum of the values recorded since the start, in microseconds (summed in nanoseconds, then rounded). */
    public long sumMicros() {
        return sumNanos.sum() / 1000;
    }

    /** A copy of the values of the current and the previous period. Any thread. */
    public synchronized Histogram recent() {
        scratch = recorder.getIntervalHistogram(scratch);
        current.add(scratch);
        long now = clock.nanoTime();
        if (now - periodStartNanos >= periodNanos) {
            Histogram old = previous;
            previous = current;
            old.reset();
            current = old;
            periodStartNanos = now;
        }
        Histogram out = previous.copy();
        out.add(current);
        return out;
    }
}
