package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.perf.ConstSpoutBenchmark.NoOpBolt;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The three side figures, each in local mode with default settings (acking on, one acker, metrics on):
 * <ul>
 *   <li>{@code idle}: CPU of a topology whose spout emits nothing (spout → bolt), as a share of one core, and the
 *       threads that use it;</li>
 *   <li>{@code latency}: complete latency percentiles of acked tuples emitted at 1,000 tuples/s;</li>
 *   <li>{@code wakeup}: the same for a tuple every 200 ms, each after an idle spell long enough for every executor
 *       to have backed off to its longest park, and how late the spout's {@code nextTuple} saw each one due;</li>
 *   <li>{@code pending}: heap per pending tuple: a spout with max.spout.pending 200,000 and a bolt that never acks,
 *       heap used after a full GC with every tree pending, minus the same with none.</li>
 * </ul>
 *
 * <pre>usage: FootprintBenchmark [idle|latency|wakeup|pending|all] [measureSecs]</pre>
 */
public final class FootprintBenchmark {
    static final Recorder LATENCY = new Recorder(3);
    /** How long after its due time each tuple of a {@link PacedSpout} was emitted: the spout's wake-up delay. */
    static final Recorder LATENESS = new Recorder(3);
    private static final int MAX_PENDING = 200_000;

    private FootprintBenchmark() {
    }

    /** Emits at {@code ratePerSec} (0: never), each tuple tracked with its emit time as message id. */
    public static class PacedSpout extends BaseRichSpout {
        private final int ratePerSec;
        private transient SpoutOutputCollector out;
        private transient long next;
        private transient Values value;

        public PacedSpout(int ratePerSec) {
            this.ratePerSec = ratePerSec;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            value = new Values("some data");
            next = System.nanoTime();
        }

        @Override
        public void nextTuple() {
            if (ratePerSec == 0) {
                return;
            }
            long now = System.nanoTime();
            if (now - next >= 0) {
                LATENESS.recordValue(now - next);
                next += 1_000_000_000L / ratePerSec;
                if (now - next >= 0) {
                    next = now + 1_000_000_000L / ratePerSec;    // fell behind: do not burst
                }
                out.emit(value, now);
            }
        }

        @Override
        public void ack(Object msgId) {
            LATENCY.recordValue(Math.max(0, System.nanoTime() - (Long) msgId));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    /** Emits as fast as it may, each tuple tracked by a counter value. */
    public static class CountingSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private transient long n;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit(new Values("some data"), n++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    /** Neither acks nor keeps what it gets: its trees stay pending in the spout and the acker. */
    public static class SilentBolt extends BaseRichBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(Tuple input) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int secs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (what.equals("idle") || what.equals("all")) {
            idle(secs);
        }
        if (what.equals("latency") || what.equals("all")) {
            latency("complete latency at 1,000 tuples/s", 1000, secs);
        }
        if (what.equals("wakeup") || what.equals("all")) {
            latency("complete latency of a tuple every 200 ms (after idle)", 5, secs);
        }
        if (what.equals("pending") || what.equals("all")) {
            pending();
        }
    }

    static void idle(int secs) throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new PacedSpout(0));
        b.setBolt("bolt", new NoOpBolt()).shuffleGrouping("spout");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("idle", new Config(), b.createTopology());
            TimeUnit.SECONDS.sleep(5);
            Map<String, Long> before = ConstSpoutBenchmark.threadCpu();
            long cpu = ConstSpoutBenchmark.processCpu();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(secs);
            double wall = System.nanoTime() - start;
            double share = (ConstSpoutBenchmark.processCpu() - cpu) / wall;
            Map<String, Long> after = ConstSpoutBenchmark.threadCpu();
            Map<String, Double> busiest = new TreeMap<>();
            after.forEach((t, ns) -> {
                double s = (ns - before.getOrDefault(t, 0L)) / wall;
                if (s >= 0.0005) {
                    busiest.put(t, s);
                }
            });
            System.out.printf("idle topology: process CPU %.2f%% of one core over %ds%n", share * 100, secs);
            busiest.forEach((t, s) -> System.out.printf("  %-40s %.3f%%%n", t, s * 100));
        }
    }

    static void latency(String title, int ratePerSec, int secs) throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new PacedSpout(ratePerSec));
        b.setBolt("bolt", new NoOpBolt()).shuffleGrouping("spout");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("latency", new Config(), b.createTopology());
            TimeUnit.SECONDS.sleep(5);
            LATENCY.getIntervalHistogram();
            LATENESS.getIntervalHistogram();
            TimeUnit.SECONDS.sleep(secs);
            print(title, LATENCY.getIntervalHistogram(), "acks");
            print("  spout's lateness (due -> emit)", LATENESS.getIntervalHistogram(), "emits");
        }
    }

    private static void print(String title, Histogram h, String what) {
        System.out.printf("%s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%,d %s)%n", title,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount(), what);
    }

    static void pending() throws Exception {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout());
        b.setBolt("bolt", new SilentBolt()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.setMaxSpoutPending(MAX_PENDING);
        conf.setMessageTimeoutSecs(600);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("pending", conf, b.createTopology());
            TimeUnit.SECONDS.sleep(2);
            long none = usedAfterGc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long emitted;
            while ((emitted = cluster.getComponentStats("pending").get("spout").emitted()) < MAX_PENDING
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long executed;
            while ((executed = cluster.getComponentStats("pending").get("bolt").executed()) < emitted
                    && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long full = usedAfterGc();
            System.out.printf("heap per pending tuple: %.1f bytes (%,d trees pending, %,d executed; heap %,d -> %,d "
                    + "bytes)%n", (double) (full - none) / emitted, emitted, executed, none, full);
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
