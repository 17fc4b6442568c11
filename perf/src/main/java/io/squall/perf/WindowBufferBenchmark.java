package io.squall.perf;

import io.squall.runtime.windowing.WindowEngine;
import io.squall.runtime.windowing.WindowSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The window engine alone on a simulated clock, per event: a tumbling 1-second processing-time window of
 * {@value #EVENTS} events a second (the events are made once and reused), so each invocation adds a second of
 * events, fires the window, reads every event of it once and expires them (where a windowed bolt acks). What a
 * windowed bolt's executor pays per tuple for the window, without the tuple, the ack and the hand-offs.
 * {@code slidingCount} puts the same events through a sliding count window of 1,000 every 100 (the harness's
 * {@code windowed-sliding}, no acking).
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main WindowBuffer -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WindowBufferBenchmark {
    private static final int EVENTS = 1_000_000;

    private Object[] values;
    private WindowEngine<Object> engine;
    private WindowEngine<Object> sliding;
    private long now;
    private Blackhole sink;

    /** What the engine tells: every event of a window read once, every expiry counted. */
    private final WindowEngine.Listener<Object> listener = new WindowEngine.Listener<>() {
        @Override
        public void onWindow(List<Object> events, List<Object> newEvents, List<Object> expired, Long startTs,
                             long endTs) {
            for (Object e : events) {
                sink.consume(e);
            }
            sink.consume(newEvents.size() + expired.size());
        }

        @Override
        public void onExpired(Object event) {
            sink.consume(event);
        }
    };

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        values = new Object[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            values[i] = (long) i;
        }
        engine = new WindowEngine<>(new WindowSpec(0, 1000, 0, 1000, false, 0, 1000, null), 0, listener);
        sliding = new WindowEngine<>(new WindowSpec(1000, 0, 100, 0, false, 0, 1000, null), 0, listener);
    }

    /** The same events into a sliding count window of 1,000 every 100 (each event read in ten windows). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int slidingCount() {
        for (int i = 0; i < EVENTS; i++) {
            sliding.add(values[i], now);
        }
        return sliding.size();
    }

    /** One second of events, then the window fires. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int secondOfEvents() {
        int perMs = EVENTS / 1000;
        int i = 0;
        for (int ms = 0; ms < 1000; ms++) {
            now++;
            engine.advance(now);
            for (int k = 0; k < perMs; k++) {
                engine.add(values[i++], now);
            }
        }
        return engine.size();
    }
}
