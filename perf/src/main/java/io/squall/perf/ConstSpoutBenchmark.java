package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
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

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Constant spout → no-op bolt in local mode, for a fixed time, without acking and with acking (one acker,
 * max.spout.pending 1000). Prints tuples/s over the measured window and, with acking, complete latency
 * percentiles measured by the spout (emit → ack callback). Each mode runs with
 * {@code topology.metrics.enabled} off and then on (or only one of them), so one run shows what the
 * metrics cost; with several rounds the off/on pairs alternate and the medians are printed at the end,
 * which tells the metrics' cost from the noise of a shared machine. Each run also prints the CPU time per tuple of
 * the process and of each busy thread (spout, bolt, acker executors) over the measured window: on a shared
 * machine these move far less than tuples/s.
 *
 * <pre>usage: ConstSpoutBenchmark [ack|noack|both] [warmupSecs] [measureSecs] [metrics: on|off|both] [rounds]</pre>
 *
 * <p>With {@code -Dconstspout.freshValues=true} the spout makes a new {@code Values} per emit, as the peer harness's
 * spout does ({@code collector.emit(new Values(PAYLOAD), System.nanoTime())}): 48 more bytes per tuple on the spout
 * thread, so the bytes and page faults per tuple are the harness's. By default it emits one list over and over.
 */
public final class ConstSpoutBenchmark {
    /** Complete latencies, recorded by the spout and read by the main thread. */
    static final Recorder LATENCY = new Recorder(3);

    private ConstSpoutBenchmark() {
    }

    /** Emits the same value forever, with a message id (its emit time) when tracked. */
    public static class ConstSpout extends BaseRichSpout {
        private final boolean tracked;
        private transient SpoutOutputCollector out;
        private transient Values value;
        /** Whether each emit makes its own list (see the class comment). */
        private transient boolean freshValues;

        public ConstSpout(boolean tracked) {
            this.tracked = tracked;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            value = new Values("some data");
            freshValues = Boolean.getBoolean("constspout.freshValues");
        }

        @Override
        public void nextTuple() {
            Values v = freshValues ? new Values("some data") : value;
            if (tracked) {
                out.emit(v, System.nanoTime());
            } else {
                out.emit(v);
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

    /** Acks and does nothing else. */
    public static class NoOpBolt extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String metrics = args.length > 3 ? args[3] : "both";
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Map<String, List<Double>> results = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            for (boolean acking : new boolean[] {false, true}) {
                if (!mode.equals("both") && mode.equals("ack") != acking) {
                    continue;
                }
                for (boolean on : new boolean[] {false, true}) {
                    if (metrics.equals(on ? "off" : "on")) {
                        continue;
                    }
                    String name = (acking ? "const-ack" : "const-noack") + (on ? "-metrics" : "");
                    results.computeIfAbsent(name, k -> new ArrayList<>()).add(run(name, acking, on, warmup, measure));
                }
            }
        }
        if (rounds > 1) {
            results.forEach((name, rates) -> {
                List<Double> sorted = rates.stream().sorted().toList();
                System.out.printf("%-20s median %,14.0f tuples/s of %d rounds %s%n", name, sorted.get(sorted.size() / 2),
                        rates.size(), rates.stream().map(x -> String.format("%,.0f", x)).toList());
            });
        }
    }

    static double run(String name, boolean acking, boolean metrics, int warmupSecs, int measureSecs)
            throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new ConstSpout(acking));
        b.setBolt("bolt", new NoOpBolt()).localOrShuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumAckers(acking ? 1 : 0);
        if (acking) {
            conf.setMaxSpoutPending(1000);
        }
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        conf.put("topology.metrics.enabled", metrics);
        // Any -Dtopology.KEY=VALUE on the command line, to compare settings (say topology.acker.in.spout) in one build.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("topology.")).forEach(k -> {
            String v = System.getProperty(k);
            conf.put(k, v.equals("true") || v.equals("false") ? (Object) Boolean.valueOf(v)
                    : v.matches("-?\\d+") ? (Object) Integer.valueOf(v) : v);
        });
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            LATENCY.getIntervalHistogram();
            long start = System.nanoTime();
            long before = cluster.getComponentStats(name).get("bolt").executed();
            Map<String, Long> cpuBefore = threadCpu();
            Map<String, Long> bytesBefore = threadAllocatedBytes();
            long processCpuBefore = processCpu();
            long faultsBefore = minorFaults();
            long gcsBefore = collections();
            TimeUnit.SECONDS.sleep(measureSecs);
            long after = cluster.getComponentStats(name).get("bolt").executed();
            long processCpuAfter = processCpu();
            long faultsAfter = minorFaults();
            long gcsAfter = collections();
            Map<String, Long> cpuAfter = threadCpu();
            Map<String, Long> bytesAfter = threadAllocatedBytes();
            double secs = (System.nanoTime() - start) / 1e9;
            Histogram h = LATENCY.getIntervalHistogram();
            double rate = (after - before) / secs;
            long tuples = Math.max(1, after - before);
            System.out.printf("%-20s %,14.0f tuples/s over %.0fs%n", name, rate, secs);
            StringBuilder threads = new StringBuilder();
            cpuAfter.forEach((thread, ns) -> {
                long used = ns - cpuBefore.getOrDefault(thread, 0L);
                if (used > secs * 1e9 * 0.02) {
                    threads.append(String.format(", %s %.1f", thread, (double) used / tuples));
                }
            });
            System.out.printf("%-20s CPU ns per tuple: process %.1f%s%n", name,
                    (double) (processCpuAfter - processCpuBefore) / tuples, threads);
            StringBuilder allocating = new StringBuilder();
            long allBytes = 0;
            for (Map.Entry<String, Long> e : bytesAfter.entrySet()) {
                long bytes = e.getValue() - bytesBefore.getOrDefault(e.getKey(), 0L);
                allBytes += bytes;
                if (bytes > tuples) {
                    allocating.append(String.format(", %s %.1f", e.getKey(), (double) bytes / tuples));
                }
            }
            System.out.printf("%-20s bytes allocated per tuple: all threads %.1f%s; load average %s%n", name,
                    (double) allBytes / tuples, allocating, loadAverage());
            if (faultsBefore >= 0 && faultsAfter >= 0) {
                // A first write to a heap page costs a page fault (microseconds on a VM): a young generation the
                // collector is still growing shows up here, not in the bytes allocated.
                System.out.printf("%-20s page faults per 1000 tuples %.2f; collections %d%n", name,
                        1000.0 * (faultsAfter - faultsBefore) / tuples, gcsAfter - gcsBefore);
            }
            if (acking) {
                System.out.printf("%-20s complete latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms "
                                + "(%,d acks)%n", name, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                        h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount());
            }
            return rate;
        }
    }

    /** CPU time of each live thread by name, in ns (threads of the same name summed). */
    static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = mx.getThreadCpuTime(t.getId());
            if (ns > 0) {
                byName.merge(t.getName(), ns, Long::sum);
            }
        }
        return byName;
    }

    /**
     * Bytes allocated by each live thread by name (threads of the same name summed). Threads that end during the
     * measured window drop out: the executors and the metrics threads live through it.
     */
    static Map<String, Long> threadAllocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long bytes = mx.getThreadAllocatedBytes(t.getId());
            if (bytes > 0) {
                byName.merge(t.getName(), bytes, Long::sum);
            }
        }
        return byName;
    }

    /** The system's load average over the last minute, for the record of a run on a shared machine. */
    static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Minor page faults of this process so far (Linux's {@code /proc/self/stat}), or -1 where there is none. */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]); // minflt, the 10th field of the line
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Collections of every collector of this JVM so far. */
    static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** CPU time of this process, user and system, in ns. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
