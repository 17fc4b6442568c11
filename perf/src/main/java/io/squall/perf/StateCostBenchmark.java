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
 * the time the JVM spent in GC while the measured words ran: as wall time (the collectors' beans; the machine's load
 * stretches it) and as the CPU time of the collector's threads ({@code GC Thread#n}, and the {@code VM Thread} that
 * runs the pauses, from Linux's {@code /proc/self/task}), with the process's minor page faults per thousand words: a
 * collection that copies into pages of the heap never written before faults on each, and on a virtual machine that
 * first write is most of its cost.
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

    /** Linux's clock ticks per second, in which {@code /proc} gives CPU times. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * The CPU time of the JVM's collector threads so far ({@code GC Thread#n}, and the {@code VM Thread}, which runs
     * the pauses), in ms, from {@code /proc/self/task}; -1 where there is none.
     */
    private static long gcCpuMillis() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // The thread ended since the listing.
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("GC Thread") || name.equals("VM Thread")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15.
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Minor page faults of this process so far (field 10 of {@code /proc/self/stat}), or -1 where there is none. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
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
            long gcCpuStart = 0;
            long faultsStart = 0;
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
                    gcCpuStart = gcCpuMillis();
                    faultsStart = minorFaults();
                }
            }
            long counted = words - warmupWords;
            double threadNs = (double) (threads.getCurrentThreadCpuTime() - threadStart) / counted;
            double processNs = (double) (os.getProcessCpuTime() - processStart) / counted;
            long acked = d.counts("sentences").acked() - acksStart;
            double bytes = (double) (threads.getCurrentThreadAllocatedBytes() - bytesStart) / counted;
            long gcMs = gcMillis() - gcStart;
            long gcCpuMs = gcCpuMillis() - gcCpuStart;
            double faults = (minorFaults() - faultsStart) * 1000.0 / counted;
            System.out.printf("%-8s CPU %,6.0f ns/word on the driver thread, %,6.0f ns/word in the JVM; %,.0f "
                    + "bytes/word allocated, GC %,d ms (its threads' CPU %,d ms), %.2f page faults/1000 words; %,d "
                    + "words counted, %,d sentences acked%n", mode, threadNs, processNs, bytes, gcMs, gcCpuMs, faults,
                    counted, acked);
        }
    }
}
