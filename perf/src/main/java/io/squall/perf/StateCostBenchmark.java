package io.squall.perf;

import io.squall.Config;
import io.squall.perf.StatefulWordCountBenchmark.HashMapCount;
import io.squall.perf.StatefulWordCountBenchmark.SentenceSpout;
import io.squall.perf.StatefulWordCountBenchmark.Split;
import io.squall.perf.StatefulWordCountBenchmark.StatefulCount;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.ManualClock;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The word count of {@link StatefulWordCountBenchmark} on the deterministic driver: every executor runs on this
 * one thread, and the simulated clock follows that thread's CPU time, so a checkpoint interval is one second of
 * work. It prints the CPU time per word counted, of the thread and of the whole JVM (GC included): with nothing
 * waiting on queues or other threads, that is the work the path costs, and load from other processes on the machine
 * slows the run without changing it (bar cache effects). It also prints the bytes the thread allocated per word and
 * the time the JVM spent in GC while the measured words ran.
 *
 * <pre>usage: StateCostBenchmark [rounds] [warmupWords] [measureWords] [modes: hashmap,memory,rocksdb]
 *        [maxSpoutPending, default 200000]</pre>
 */
public final class StateCostBenchmark {
    private StateCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long warmup = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        long measure = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000;
        String[] modes = (args.length > 3 ? args[3] : "hashmap,memory,rocksdb").split(",");
        int pending = args.length > 4 ? Integer.parseInt(args[4]) : 200_000;
        Path dir = Files.createTempDirectory("squall-state-cost");
        try {
            int run = 0;
            for (int r = 1; r <= rounds; r++) {
                for (String mode : modes) {
                    run(mode, "cost-" + mode + "-" + (++run), dir, warmup, measure, pending);
                }
            }
        } finally {
            StatefulWordCountBenchmark.deleteTree(dir);
        }
    }

    /** The JVM's time in garbage collection so far. */
    private static long gcMillis() {
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        return gc;
    }

    static void run(String mode, String name, Path dir, long warmupWords, long measureWords, int pending) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout());
        b.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        if (mode.equals("hashmap")) {
            b.setBolt("count", new HashMapCount(), 2).fieldsGrouping("split", new Fields("word"));
        } else {
            b.setBolt("count", new StatefulCount(), 2).fieldsGrouping("split", new Fields("word"));
        }
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_NAME, name);
        conf.setNumAckers(1);
        conf.setMaxSpoutPending(pending);
        conf.setMessageTimeoutSecs(60);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 1000);
        // -Dstate.check.every.tuple=false measures the cheaper check of flagged emits only.
        conf.put("topology.state.check.every.tuple", Boolean.parseBoolean(
                System.getProperty("state.check.every.tuple", "true")));
        if (mode.equals("rocksdb")) {
            conf.put(Config.TOPOLOGY_STATE_PROVIDER, RocksDbKeyValueStateProvider.class.getName());
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, "{\"dir\": \"" + dir + "\"}");
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ManualClock clock = new ManualClock();
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf, clock)) {
            long simulatedAt = threads.getCurrentThreadCpuTime();
            long words = 0;
            long threadStart = 0;
            long processStart = 0;
            long acksStart = 0;
            long bytesStart = 0;
            long gcStart = 0;
            boolean measuring = false;
            while (words < warmupWords + measureWords) {
                d.step();
                long cpu = threads.getCurrentThreadCpuTime();
                clock.advanceNanos(cpu - simulatedAt);
                simulatedAt = cpu;
                words = d.counts("count").executed();
                if (!measuring && words >= warmupWords) {
                    measuring = true;
                    warmupWords = words;
                    threadStart = cpu;
                    processStart = os.getProcessCpuTime();
                    acksStart = d.counts("sentences").acked();
                    bytesStart = threads.getCurrentThreadAllocatedBytes();
                    gcStart = gcMillis();
                }
            }
            long counted = words - warmupWords;
            double threadNs = (double) (threads.getCurrentThreadCpuTime() - threadStart) / counted;
            double processNs = (double) (os.getProcessCpuTime() - processStart) / counted;
            long acked = d.counts("sentences").acked() - acksStart;
            double bytes = (double) (threads.getCurrentThreadAllocatedBytes() - bytesStart) / counted;
            System.out.printf("%-8s CPU %,6.0f ns/word on the driver thread, %,6.0f ns/word in the JVM; %,.0f "
                    + "bytes/word allocated, GC %,d ms; %,d words counted, %,d sentences acked%n", mode, threadNs,
                    processNs, bytes, gcMillis() - gcStart, counted, acked);
        }
    }
}
