package io.squall.perf;

import io.squall.Config;
import io.squall.perf.ConstSpoutBenchmark.NoOpBolt;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
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
 * The CPU cost of one acked tuple on the whole ack path, without threads: the acked constant-spout topology
 * (spout → no-op bolt, one acker, max.spout.pending 1000) on the deterministic driver, every executor stepped
 * on the benchmark thread. It counts what every tree costs (emit, tuple, init, ack update, result, ack
 * callback, pending and acker tables) but not the queue hand-offs between threads, so it is much steadier than
 * the end-to-end run on a shared machine.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main AckPath -prof gc</pre>
 *
 * On a machine shared with other work the wall time per tuple says more about the neighbours than about
 * Squall; {@link #main} runs the same loop and reports the benchmark thread's CPU time and allocated bytes
 * per acked tuple, which the neighbours disturb far less:
 *
 * <pre>java [-DreceiveBufferSize=16384] [-DserializationCheck=true] [-Dstreams=1] [-Dmetrics=false] -cp ...
 *     io.squall.perf.AckPathBenchmark [rounds] [treesPerRound]</pre>
 *
 * <p>{@code -Dstreams=N} has the spout emit on N streams in turn (a spout with several streams counts its trees,
 * and its sampled complete latencies, by stream); {@code -Dmetrics=true} turns on the metrics a topology has by
 * default (latencies sampled one tree in {@code topology.metrics.sample.every}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-Dlogback.configurationFile=conf/logback.xml"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AckPathBenchmark {
    private static final int TREES = 10_000;
    /** Trees acked so far; the spout runs on the benchmark thread. */
    static long acked;

    private TopologyTestDriver driver;

    /** Emits the same value forever, each with a message id, on {@code streams} streams in turn. */
    public static class AckCountingSpout extends BaseRichSpout {
        private final int streams;
        private transient SpoutOutputCollector out;
        private transient Values value;
        private transient String[] names;
        private long next;

        public AckCountingSpout(int streams) {
            this.streams = streams;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            value = new Values("some data");
            names = new String[streams];
            for (int i = 0; i < streams; i++) {
                names[i] = "s" + i;
            }
        }

        @Override
        public void nextTuple() {
            if (streams == 1) {
                out.emit(value, next++);
            } else {
                out.emit(names[(int) (next % streams)], value, next++);
            }
        }

        @Override
        public void ack(Object msgId) {
            acked++;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            if (streams == 1) {
                declarer.declare(new Fields("value"));
            } else {
                for (int i = 0; i < streams; i++) {
                    declarer.declareStream("s" + i, new Fields("value"));
                }
            }
        }
    }

    @Setup
    public void setUp() {
        TopologyBuilder b = new TopologyBuilder();
        int streams = Integer.getInteger("streams", 1);
        b.setSpout("spout", new AckCountingSpout(streams));
        var bolt = b.setBolt("bolt", new NoOpBolt());
        if (streams == 1) {
            bolt.localOrShuffleGrouping("spout");
        } else {
            for (int i = 0; i < streams; i++) {
                bolt.localOrShuffleGrouping("spout", "s" + i);
            }
        }
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMaxSpoutPending(1000);
        // -DserializationCheck=true: local mode's default, which the peer harness runs with.
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, Boolean.getBoolean("serializationCheck"));
        conf.put("topology.metrics.enabled", Boolean.getBoolean("metrics"));
        conf.put(Config.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE, Integer.getInteger("receiveBufferSize", 16384));
        driver = new TopologyTestDriver(b.createTopology(), conf);
    }

    @TearDown
    public void tearDown() {
        driver.close();
    }

    /** Runs {@code rounds} rounds (default 10) of {@code treesPerRound} acked trees (default 2,000,000). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long trees = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        AckPathBenchmark b = new AckPathBenchmark();
        b.setUp();
        try {
            for (int r = 0; r < rounds; r++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getCurrentThreadAllocatedBytes();
                long wall = System.nanoTime();
                long until = acked + trees;
                while (acked < until) {
                    b.driver.step();
                }
                System.out.printf("round %d: %.1f ns CPU, %.1f ns wall, %.1f bytes allocated per acked tuple%n", r,
                        (double) (threads.getCurrentThreadCpuTime() - cpu) / trees,
                        (double) (System.nanoTime() - wall) / trees,
                        (double) (threads.getCurrentThreadAllocatedBytes() - bytes) / trees);
            }
        } finally {
            b.tearDown();
        }
    }

    /** Steps the topology until {@value #TREES} more trees have been acked: the time is per acked tuple. */
    @Benchmark
    @OperationsPerInvocation(TREES)
    public long ackedTuple() {
        long until = acked + TREES;
        while (acked < until) {
            driver.step();
        }
        return acked;
    }
}
