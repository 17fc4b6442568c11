package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Tuple;
import io.squall.windowing.TupleWindow;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Windowed bolts in local mode, for a fixed time:
 * <ul>
 *   <li>{@code sliding}: constant spout → sliding count window of 1000 tuples every 100, no acking; the
 *   bolt reads every tuple of every window;</li>
 *   <li>{@code tumbling}: constant spout with message ids → tumbling 1-second window, acking on (each
 *   tuple acked when its window is done), max.spout.pending 2,000,000.</li>
 * </ul>
 * Prints tuples/s into the window and, with acking, complete latency percentiles.
 *
 * <pre>usage: WindowBenchmark [sliding|tumbling|both] [warmupSecs] [measureSecs]</pre>
 */
public final class WindowBenchmark {
    private WindowBenchmark() {
    }

    /** Sums the length of every value in the window, so each tuple of each window is read. */
    public static class ReadingWindowBolt extends BaseWindowedBolt {
        private transient long checksum;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(TupleWindow window) {
            for (Tuple t : window.get()) {
                checksum += t.getString(0).length();
            }
        }

        @Override
        public void cleanup() {
            System.out.println("window checksum " + checksum);
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (mode.equals("sliding") || mode.equals("both")) {
            run("sliding-count", false, new ReadingWindowBolt().withWindow(BaseWindowedBolt.Count.of(1000),
                    BaseWindowedBolt.Count.of(100)), warmup, measure);
        }
        if (mode.equals("tumbling") || mode.equals("both")) {
            run("tumbling-1s-acked", true, new ReadingWindowBolt().withTumblingWindow(BaseWindowedBolt.Duration.seconds(1)),
                    warmup, measure);
        }
    }

    static void run(String name, boolean acking, BaseWindowedBolt bolt, int warmupSecs, int measureSecs)
            throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new ConstSpoutBenchmark.ConstSpout(acking));
        b.setBolt("window", bolt).localOrShuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumAckers(acking ? 1 : 0);
        if (acking) {
            conf.setMaxSpoutPending(2_000_000);
        }
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            long start = System.nanoTime();
            long before = cluster.getComponentStats(name).get("window").executed();
            TimeUnit.SECONDS.sleep(measureSecs);
            long after = cluster.getComponentStats(name).get("window").executed();
            double secs = (System.nanoTime() - start) / 1e9;
            Histogram h = ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            System.out.printf("%-18s %,14.0f tuples/s over %.0fs%n", name, (after - before) / secs, secs);
            if (acking) {
                System.out.printf("%-18s complete latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d acks)%n", name,
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
                        h.getTotalCount());
            }
        }
    }
}
