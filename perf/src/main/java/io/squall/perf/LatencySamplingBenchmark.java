package io.squall.perf;

import io.squall.runtime.stats.LatencyHistogram;
import io.squall.utils.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What the latency metrics add to each tuple an executor handles: the executors count down to the next
 * sampled tuple, and a sampled tuple costs two clock reads and a histogram record. {@code perTuple} with
 * {@code every=0} is metrics off; the difference to {@code every=64} is the cost per tuple with metrics on.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main LatencySampling</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencySamplingBenchmark {
    @Param({"0", "16", "64"})
    int every;

    private final LatencyHistogram histogram = new LatencyHistogram(TimeUnit.SECONDS.toNanos(30), Clock.SYSTEM);
    private int untilSample;
    private long work;

    @Setup
    public void setUp() {
        untilSample = every;
    }

    /** One tuple: a little work, timed when it is the sampled one, as the bolt executor does. */
    @Benchmark
    public long perTuple() {
        if (every > 0 && --untilSample == 0) {
            untilSample = every;
            long start = System.nanoTime();
            work += 31;
            histogram.record(System.nanoTime() - start);
        } else {
            work += 31;
        }
        return work;
    }

    /** One sampled record alone. */
    @Benchmark
    public void record() {
        histogram.record(1234);
    }

    /** One clock read. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
