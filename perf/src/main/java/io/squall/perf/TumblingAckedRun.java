package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The peer harness's {@code windowed-tumbling} workload in local mode: a spout of a one-field long sequence, each
 * tuple with its emit time as message id, shuffled to a tumbling 1-second processing-time window that sums the
 * field over the window and counts {@code getNew().size()}; one acker, {@code max.spout.pending} 1,000,000 (or
 * {@code -Dtumbling.pending=N}, 0 for none), message timeout 30 s with timeouts on. The same components as the
 * harness's {@code SeqSpout} and {@code WindowSumBolt}, written again here.
 *
 * <p>{@link #run} prints new tuples per second into the window, the process's CPU ns, bytes allocated (every live
 * thread) and GC time per tuple, and the complete latency. {@link #held} measures heap per held tuple: the spout
 * emits a fixed number of tuples into a window that does not fire while they are held, and the heap after a full
 * GC is compared with and without them (spout and acker state, the tuple, its values and id, the window's entry).
 */
final class TumblingAckedRun {
    /** Tuples counted from {@code getNew()}, as the harness counts them. */
    static final LongAdder NEW_TUPLES = new LongAdder();
    static final AtomicLong SUM = new AtomicLong();
    /** Tuples the spout may still emit in {@link #held}; unlimited otherwise. */
    static final AtomicLong BUDGET = new AtomicLong(Long.MAX_VALUE);

    private TumblingAckedRun() {
    }

    /** One long field, the sequence, with the emit time (ns) as message id. */
    public static class SeqSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private long seq;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            if (BUDGET.get() <= 0 || BUDGET.decrementAndGet() < 0) {
                return;
            }
            out.emit(new Values(seq++), System.nanoTime());
        }

        @Override
        public void ack(Object msgId) {
            ConstSpoutBenchmark.LATENCY.recordValue(Math.max(0, System.nanoTime() - (Long) msgId));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    /** Sums the field over the whole window and counts the new tuples. */
    public static class WindowSumBolt extends BaseWindowedBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(TupleWindow window) {
            List<Tuple> all = window.get();
            long sum = 0;
            for (Tuple t : all) {
                sum += t.getLong(0);
            }
            SUM.set(sum);
            NEW_TUPLES.add(window.getNew().size());
        }
    }

    private static Config conf(Integer pending, int timeoutSecs) {
        Config conf = new Config();
        conf.setNumAckers(1);
        if (pending != null && pending > 0) {
            conf.setMaxSpoutPending(pending);
        }
        conf.setMessageTimeoutSecs(timeoutSecs);
        conf.put(Config.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS, true);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        return conf;
    }

    private static TopologyBuilder topology(BaseWindowedBolt window) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new SeqSpout(), 1);
        b.setBolt("window", window, 1).shuffleGrouping("spout");
        return b;
    }

    /** Runs the workload for the warm-up, then the measurement; returns new tuples/s into the window. */
    static double run(int warmupSecs, int measureSecs) throws InterruptedException {
        Integer pending = Integer.getInteger("tumbling.pending", 1_000_000);
        String name = "tumbling-acked";
        BUDGET.set(Long.MAX_VALUE);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf(pending, 30),
                    topology(new WindowSumBolt().withTumblingWindow(BaseWindowedBolt.Duration.seconds(1)))
                            .createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            long start = System.nanoTime();
            long tuplesBefore = NEW_TUPLES.sum();
            long cpuBefore = ConstSpoutBenchmark.processCpu();
            long allocBefore = allocated();
            long[] gcBefore = gc();
            String load = loadAverage();
            TimeUnit.SECONDS.sleep(measureSecs);
            long tuples = Math.max(1, NEW_TUPLES.sum() - tuplesBefore);
            long cpu = ConstSpoutBenchmark.processCpu() - cpuBefore;
            long alloc = allocated() - allocBefore;
            long[] gcAfter = gc();
            double secs = (System.nanoTime() - start) / 1e9;
            Histogram h = ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            System.out.printf("%-16s %,14.0f tuples/s over %.0fs (max.spout.pending %s, load average %s → %s)%n",
                    name, tuples / secs, secs, pending == null || pending <= 0 ? "none" : pending, load,
                    loadAverage());
            System.out.printf("%-16s per tuple: process CPU %.0f ns, allocated %.0f bytes, GC %.0f ns (%d collections,"
                            + " %d ms in %.0f s)%n", name, (double) cpu / tuples, (double) alloc / tuples,
                    (gcAfter[1] - gcBefore[1]) * 1e6 / tuples, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                    secs);
            System.out.printf("%-16s complete latency p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d acks)%n", name,
                    h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
                    h.getTotalCount());
            return tuples / secs;
        }
    }

    /**
     * Heap per held tuple: {@code count} tuples emitted into a 10-minute tumbling window (message timeout 15
     * minutes), held there with their spout and acker state; the heap after a full GC with them, less the heap
     * before the spout started.
     */
    static void held(int count) throws InterruptedException {
        String name = "tumbling-held";
        BUDGET.set(0);
        NEW_TUPLES.reset();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf(0, 900),
                    topology(new WindowSumBolt().withTumblingWindow(BaseWindowedBolt.Duration.minutes(10)))
                            .createTopology());
            TimeUnit.SECONDS.sleep(2);
            long empty = usedAfterGc(memory);
            long start = System.nanoTime();
            BUDGET.set(count);
            long deadline = start + TimeUnit.MINUTES.toNanos(5);
            while (cluster.getComponentStats(name).get("window").executed() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the window got only "
                            + cluster.getComponentStats(name).get("window").executed() + " of " + count + " tuples");
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            long full = usedAfterGc(memory);
            System.out.printf("%-16s %,d tuples held: heap %,d → %,d bytes after full GCs, %.1f bytes per held tuple "
                    + "(spout and acker state, tuple, values, id, window entry)%n", name, count, empty, full,
                    (double) (full - empty) / count);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Bytes allocated by every live thread so far. */
    static long allocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /** Collections so far and their time in ms, over every collector. */
    static long[] gc() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
