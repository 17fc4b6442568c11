package io.squall.perf;

import io.squall.Config;
import io.squall.perf.ConstSpoutBenchmark.ConstSpout;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CPU cost of one tuple on the no-ack path, without threads: constant spout → no-op bolt, acking off,
 * metrics off, on the deterministic driver, both executors stepped on the benchmark thread. It counts the
 * emit, the queue publish and drain, and the bolt's receive and execute, but not the waits between threads,
 * so on a shared machine it moves far less than the end-to-end tuples/s of {@link ConstSpoutBenchmark}.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main NoAckPath -prof gc
 * java -cp ... io.squall.perf.NoAckPathBenchmark [rounds] [tuplesPerRound]   (CPU ns and bytes per tuple)</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-Dlogback.configurationFile=conf/logback.xml"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class NoAckPathBenchmark {
    private static final int TUPLES = 100_000;
    /** Tuples the bolt executed so far; it runs on the benchmark thread. */
    static long executed;

    private TopologyTestDriver driver;

    /** Counts what it executes and does nothing else (acking is off). */
    public static class CountingBolt extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
            executed++;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Setup
    public void setUp() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new ConstSpout(false));
        b.setBolt("bolt", new CountingBolt()).localOrShuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumAckers(0);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        conf.put("topology.metrics.enabled", false);
        driver = new TopologyTestDriver(b.createTopology(), conf);
    }

    @TearDown
    public void tearDown() {
        driver.close();
    }

    /** Runs {@code rounds} rounds (default 10) of {@code tuplesPerRound} tuples (default 5,000,000). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long tuples = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        NoAckPathBenchmark b = new NoAckPathBenchmark();
        b.setUp();
        try {
            for (int r = 0; r < rounds; r++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getCurrentThreadAllocatedBytes();
                long start = executed;
                long until = executed + tuples;
                while (executed < until) {
                    b.driver.step();
                }
                long n = executed - start;
                System.out.printf("round %d: %.1f ns CPU, %.1f bytes allocated per tuple%n", r,
                        (double) (threads.getCurrentThreadCpuTime() - cpu) / n,
                        (double) (threads.getCurrentThreadAllocatedBytes() - bytes) / n);
            }
        } finally {
            b.tearDown();
        }
    }

    /** Steps the topology until {@value #TUPLES} more tuples have been executed: the time is per tuple. */
    @Benchmark
    @OperationsPerInvocation(TUPLES)
    public long tuple() {
        long until = executed + TUPLES;
        while (executed < until) {
            driver.step();
        }
        return executed;
    }
}
