package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.state.KeyValueState;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The word count with acking in local mode, the counter keeping its counts in a {@code HashMap} (lost on a
 * crash) or in checkpointed keyed state (1 s checkpoints), in memory or in RocksDB. Sentences of 8 words from
 * a vocabulary of 10,000; spout, 2 splitters, 2 counters. Prints words counted per second, each mode in turn,
 * for the given number of rounds (A B C A B C, so a noisy machine hits every mode alike), and the CPU time the
 * JVM spent per word counted (all threads, GC included; from the thread and process CPU clocks, so other load on
 * the machine slows the run but does not inflate this figure), split by kind of thread.
 *
 * <pre>usage: StatefulWordCountBenchmark [rounds] [warmupSecs] [measureSecs] [modes: hashmap,memory,rocksdb]
 *        [maxSpoutPending, default 1000000: a 1 s checkpoint interval's sentences and more, see perf/README.md]</pre>
 */
public final class StatefulWordCountBenchmark {
    private static final String[] WORDS = new String[10_000];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORDS[i] = "w" + Integer.toString(i * 7919, 36);
        }
    }

    private StatefulWordCountBenchmark() {
    }

    /** Random 8-word sentences, each tracked, none replayed (a failed one is counted, not re-sent). */
    public static class SentenceSpout extends BaseRichSpout {
        private transient SpoutOutputCollector collector;
        private transient SplittableRandom random;
        private transient long id;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.random = new SplittableRandom(context.getThisTaskId());
        }

        @Override
        public void nextTuple() {
            StringBuilder b = new StringBuilder(80);
            for (int i = 0; i < 8; i++) {
                b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            collector.emit(new Values(b.toString()), id++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits sentences into words, anchored. */
    public static class Split extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            for (String w : input.getString(0).split(" ")) {
                collector.emit(input, new Values(w));
            }
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts in a HashMap. */
    public static class HashMapCount extends BaseRichBolt {
        private transient OutputCollector collector;
        private transient Map<String, Long> counts;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.counts = new HashMap<>();
        }

        @Override
        public void execute(Tuple input) {
            counts.merge(input.getString(0), 1L, Long::sum);
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Counts in checkpointed keyed state. */
    public static class StatefulCount extends BaseStatefulBolt<KeyValueState<String, Long>> {
        private transient OutputCollector collector;
        private transient KeyValueState<String, Long> counts;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void initState(KeyValueState<String, Long> state) {
            counts = state;
        }

        @Override
        public void execute(Tuple input) {
            String w = input.getString(0);
            counts.put(w, counts.get(w, 0L) + 1);
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String[] modes = (args.length > 3 ? args[3] : "hashmap,memory,rocksdb").split(",");
        int pending = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        Path dir = Files.createTempDirectory("squall-state-bench");
        try {
            int run = 0;
            for (int r = 1; r <= rounds; r++) {
                for (String mode : modes) {
                    run(mode, "wc-" + mode + "-" + (++run), dir, warmup, measure, pending);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Deletes what a run wrote under {@code dir} (the RocksDB databases), and {@code dir}. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void run(String mode, String name, Path dir, int warmupSecs, int measureSecs, int pending)
            throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout());
        b.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        if (mode.equals("hashmap")) {
            b.setBolt("count", new HashMapCount(), 2).fieldsGrouping("split", new Fields("word"));
        } else {
            b.setBolt("count", new StatefulCount(), 2).fieldsGrouping("split", new Fields("word"));
        }
        Config conf = new Config();
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
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            long start = System.nanoTime();
            long before = cluster.getComponentStats(name).get("count").executed();
            long acksBefore = cluster.getComponentStats(name).get("sentences").acked();
            CpuSnapshot cpuBefore = CpuSnapshot.take();
            TimeUnit.SECONDS.sleep(measureSecs);
            CpuSnapshot cpuAfter = CpuSnapshot.take();
            long after = cluster.getComponentStats(name).get("count").executed();
            long acksAfter = cluster.getComponentStats(name).get("sentences").acked();
            double secs = (System.nanoTime() - start) / 1e9;
            long words = Math.max(1, after - before);
            System.out.printf("%-8s %,12.0f words counted/s, %,10.0f sentences acked/s over %.0fs; CPU %,.0f ns/word "
                            + "(GC %,.0f ms), %,.0f bytes/word allocated%n", mode, (after - before) / secs,
                    (acksAfter - acksBefore) / secs, secs,
                    (double) (cpuAfter.processNanos - cpuBefore.processNanos) / words,
                    (cpuAfter.gcMillis - cpuBefore.gcMillis) / 1.0,
                    (double) (cpuAfter.allocatedBytes - cpuBefore.allocatedBytes) / words);
            StringBuilder byKind = new StringBuilder("         CPU ns/word by thread:");
            cpuAfter.byKind.forEach((kind, nanos) -> {
                double perWord = (double) (nanos - cpuBefore.byKind.getOrDefault(kind, 0L)) / words;
                if (perWord >= 1) {
                    byKind.append(String.format(" %s %,.0f", kind, perWord));
                }
            });
            System.out.println(byKind);
        }
    }

    /**
     * The JVM's CPU time so far: in all, in GC, and per kind of thread (its name without digits); and the bytes the
     * live threads allocated (the topology's threads live through a run).
     */
    private record CpuSnapshot(long processNanos, long gcMillis, Map<String, Long> byKind, long allocatedBytes) {
        static CpuSnapshot take() {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Map<String, Long> byKind = new TreeMap<>();
            long allocated = 0;
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                var info = threads.getThreadInfo(id);
                if (nanos > 0 && info != null) {
                    byKind.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos, Long::sum);
                }
                allocated += Math.max(0, threads.getThreadAllocatedBytes(id));
            }
            long gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, b.getCollectionTime());
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new CpuSnapshot(os.getProcessCpuTime(), gc, byKind, allocated);
        }
    }
}
