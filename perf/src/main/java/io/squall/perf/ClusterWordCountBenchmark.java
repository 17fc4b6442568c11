package io.squall.perf;

import io.squall.Config;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.NimbusClient;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

/**
 * Word count on a real cluster on this machine: a development ZooKeeper, a Nimbus and a supervisor as
 * processes, and the topology (sentence spout → split → count with fields grouping, acking on,
 * max.spout.pending 1000) in two worker JVMs talking Netty over loopback. The spouts write their counts and
 * complete-latency histograms every second; this program reads them after the warm-up and after the
 * measurement and prints words/s (words of fully acked sentences) and latency percentiles.
 *
 * <p>With {@code -Dbench.secure=true} the cluster runs with security on: TLS for the API and mutual TLS between
 * the workers, the workers' topology handshake, tokens and ZooKeeper ACLs ({@code perf/run-security} compares the
 * two in one run).
 *
 * <p>The third argument sets the executors of spout, split and count ({@code 2,2,2} by default); {@code 1,1,2} is
 * the peer harness's two-worker word count (one spout, one split, two counters).
 *
 * <pre>usage: ClusterWordCountBenchmark [warmupSecs] [measureSecs] [spout,split,count]</pre>
 */
public final class ClusterWordCountBenchmark {
    private static final String[] SENTENCES = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
        "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};

    private ClusterWordCountBenchmark() {
    }

    /** The message id of a sentence: when it was emitted and how many words it has. */
    private record Emitted(long nanos, int words) { }

    /** Emits random sentences; records complete latency and acked words, and writes them to a file each second. */
    public static class SentenceSpout extends BaseRichSpout {
        private final String dir;
        private transient SpoutOutputCollector collector;
        private transient Histogram latency;
        private transient long ackedWords;
        private transient long nextReportNanos;
        private transient Path report;

        public SentenceSpout(String dir) {
            this.dir = dir;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
            this.report = Path.of(dir, "spout-" + context.getThisTaskId() + ".txt");
        }

        @Override
        public void nextTuple() {
            String s = SENTENCES[ThreadLocalRandom.current().nextInt(SENTENCES.length)];
            long now = System.nanoTime();
            collector.emit(new Values(s), new Emitted(now, s.split(" ").length));
            if (now - nextReportNanos >= 0) {
                nextReportNanos = now + TimeUnit.SECONDS.toNanos(1);
                writeReport();
            }
        }

        @Override
        public void ack(Object msgId) {
            Emitted e = (Emitted) msgId;
            latency.recordValue(Math.min(latency.getHighestTrackableValue(), System.nanoTime() - e.nanos()));
            ackedWords += e.words();
        }

        private void writeReport() {
            ByteBuffer buf = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
            int n = latency.encodeIntoCompressedByteBuffer(buf);
            String line = System.currentTimeMillis() + " " + ackedWords + " "
                    + Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), n));
            try {
                Path tmp = report.resolveSibling(report.getFileName() + ".tmp");
                Files.writeString(tmp, line);
                Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits a sentence into words. */
    public static class Split extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String w : input.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words. */
    public static class Count extends BaseBasicBolt {
        private transient Map<String, Long> counts;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            if (counts == null) {
                counts = new HashMap<>();
            }
            counts.merge(input.getString(0), 1L, Long::sum);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** One spout report: wall time, words acked so far, latency histogram so far. */
    private record Report(long timeMs, long words, Histogram latency) {
        static Report read(Path file) throws IOException, DataFormatException {
            String[] parts = Files.readString(file).trim().split(" ");
            Histogram h = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(parts[2])), 0);
            return new Report(Long.parseLong(parts[0]), Long.parseLong(parts[1]), h);
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int[] executors = Arrays.stream((args.length > 2 ? args[2] : "2,2,2").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        if (executors.length != 3 || Arrays.stream(executors).anyMatch(e -> e < 1)) {
            throw new IllegalArgumentException("The third argument must be the executors of spout, split and count, "
                    + "each at least 1, e.g. 1,1,2; got " + args[2]);
        }
        Path base = Files.createTempDirectory("squall-bench");
        Path data = Files.createDirectories(base.resolve("reports"));
        List<String> conf = new ArrayList<>(List.of(
                "storm.zookeeper.port=" + freePort(),
                "storm.local.dir=" + base.resolve("local"),
                "squall.logs.dir=" + base.resolve("logs"),
                "nimbus.seeds=[\"127.0.0.1:" + freePort() + "\"]",
                "supervisor.slots.ports=[" + freePort() + ", " + freePort() + "]",
                "worker.heap.memory.mb=1024",
                "worker.childopts=" + System.getProperty("bench.worker.opts", "-XX:+UseParallelGC")));
        boolean secure = Boolean.getBoolean("bench.secure");
        if (secure) {
            conf.addAll(secureConf(base));
        }
        String nimbusPort = conf.get(3).replaceAll(".*:(\\d+).*", "$1");
        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(daemon(base, "zookeeper", conf, "dev-zookeeper"));
            DaemonConfig dc = DaemonConfig.load(null, conf);
            try (ClusterState state = ClusterState.connect(dc)) {
                daemons.add(daemon(base, "nimbus", conf, "nimbus", "-c", "nimbus.port=" + nimbusPort));
                daemons.add(daemon(base, "supervisor", conf, "supervisor"));
                NimbusClient nimbus = NimbusClient.of(dc);
                waitFor(180, () -> state.supervisors().size() == 1 && leads(nimbus), "Nimbus and the supervisor");
                TopologyBuilder b = new TopologyBuilder();
                b.setSpout("spout", new SentenceSpout(data.toString()), executors[0]);
                b.setBolt("split", new Split(), executors[1]).shuffleGrouping("spout");
                b.setBolt("count", new Count(), executors[2]).fieldsGrouping("split", new Fields("word"));
                Config c = new Config();
                c.setNumWorkers(2);
                c.setMaxSpoutPending(1000);
                // -Dbench.conf.KEY=VALUE sets a topology key (a wait strategy, a batch size) for a comparison.
                System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.conf."))
                        .forEach(k -> c.put(k.substring("bench.conf.".length()), System.getProperty(k)));
                Path jar = Path.of(ClusterWordCountBenchmark.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI());
                nimbus.submitTopology("bench-word-count", jar, c, b.createTopology());
                waitFor(300, () -> reports(data).size() == executors[0], "every spout reporting");
                TimeUnit.SECONDS.sleep(warmup);
                Process supervisor = daemons.get(2);
                String jfrDir = System.getProperty("bench.jfr");
                long jfrStartNanos = System.nanoTime();
                if (jfrDir != null) {
                    jcmdWorkers(supervisor, "JFR.start", "name=bench", "settings=profile");
                }
                long cpuStart = workersCpuNanos(supervisor);
                Map<String, long[]> threadsStart = threadStats(supervisor);
                List<Report> start = reports(data);
                TimeUnit.SECONDS.sleep(measure);
                List<Report> end = reports(data);
                long cpuNanos = workersCpuNanos(supervisor) - cpuStart;
                Map<String, long[]> threadsEnd = threadStats(supervisor);
                double wordsPerSec = print(start, end, cpuNanos);
                printThreads(threadsStart, threadsEnd, wordsPerSec * (end.get(0).timeMs() - start.get(0).timeMs())
                        / 1000.0);
                if (jfrDir != null) {
                    List<String> dumped = jcmdWorkers(supervisor, "JFR.dump", "name=bench",
                            "filename=" + Path.of(jfrDir).toAbsolutePath() + "/worker-%p.jfr");
                    System.out.printf("cluster-word-count  JFR of the workers %s in %s (the measured window and the "
                            + "commands' own %.0f s): java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar "
                            + "io.squall.perf.JfrSummary FILE %.0f%n", dumped, jfrDir,
                            (System.nanoTime() - jfrStartNanos) / 1e9 - measure, wordsPerSec);
                }
                nimbus.killTopology("bench-word-count", 0);
            }
        } finally {
            for (int i = daemons.size() - 1; i >= 0; i--) {
                daemons.get(i).descendants().forEach(ProcessHandle::destroy);
                daemons.get(i).destroy();
                daemons.get(i).waitFor(10, TimeUnit.SECONDS);
            }
            System.out.println("Logs in " + base);
        }
    }

    /** CPU time used so far by the supervisor's worker JVMs, from the operating system. */
    private static long workersCpuNanos(Process supervisor) {
        return supervisor.descendants().mapToLong(p -> p.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L))
                .sum();
    }

    /**
     * CPU time and its part in the kernel (clock ticks), and voluntary context switches of every thread of the
     * supervisor's worker JVMs so far, by "worker pid/thread name" (threads of one name summed, a trailing number
     * shown as #), from {@code /proc}; empty where there is none. The names are the kernel's, cut to 15 characters.
     */
    private static Map<String, long[]> threadStats(Process supervisor) {
        Map<String, long[]> stats = new HashMap<>();
        for (ProcessHandle worker : supervisor.descendants().toList()) {
            File[] tasks = new File("/proc/" + worker.pid() + "/task").listFiles();
            if (tasks == null) {
                continue;
            }
            for (File task : tasks) {
                try {
                    String stat = Files.readString(task.toPath().resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("\\d+$", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long user = Long.parseLong(f[11]); // utime and stime: fields 14 and 15 of the line
                    long system = Long.parseLong(f[12]);
                    long switches = 0;
                    for (String line : Files.readAllLines(task.toPath().resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            switches = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    long[] s = stats.computeIfAbsent(worker.pid() + "/" + name, k -> new long[3]);
                    s[0] += user + system;
                    s[1] += system;
                    s[2] += switches;
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: its time is lost to both ends alike.
                }
            }
        }
        return stats;
    }

    /**
     * Prints, for each worker thread that used more than 1% of the workers' CPU in the window, its CPU ns per word
     * of which in the kernel, and its voluntary context switches (parks, sleeps in a selector) per 1000 words.
     */
    private static void printThreads(Map<String, long[]> start, Map<String, long[]> end, double words) {
        if (end.isEmpty() || words <= 0) {
            return;
        }
        double nsPerTick = 1e9 / 100; // USER_HZ is 100 on Linux.
        long total = 0;
        Map<String, long[]> used = new java.util.TreeMap<>();
        for (Map.Entry<String, long[]> e : end.entrySet()) {
            long[] a = start.getOrDefault(e.getKey(), new long[3]);
            long[] d = {e.getValue()[0] - a[0], e.getValue()[1] - a[1], e.getValue()[2] - a[2]};
            used.put(e.getKey(), d);
            total += d[0];
        }
        StringBuilder sb = new StringBuilder(
                "cluster-word-count  threads' CPU ns per word (of it in the kernel; switches per 1000 words):");
        for (Map.Entry<String, long[]> e : used.entrySet()) {
            if (e.getValue()[0] * 100 > total) {
                long[] v = e.getValue();
                sb.append(String.format("%n    %-24s %5.0f ns (%.0f; %.1f)", e.getKey(), v[0] * nsPerTick / words,
                        v[1] * nsPerTick / words, v[2] * 1000.0 / words));
            }
        }
        sb.append(String.format("%n    all threads %.0f ns", total * nsPerTick / words));
        System.out.println(sb);
    }

    /**
     * Runs a diagnostic command in every worker JVM ({@code -Dbench.jfr=DIR} records the measured window with
     * JFR); {@code %p} in an argument becomes the worker's pid. Returns the pids.
     */
    private static List<String> jcmdWorkers(Process supervisor, String... command)
            throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        List<String> pids = new ArrayList<>();
        for (ProcessHandle worker : supervisor.descendants().toList()) {
            String pid = String.valueOf(worker.pid());
            List<String> cmd = new ArrayList<>(List.of(jcmd, pid));
            for (String c : command) {
                cmd.add(c.replace("%p", pid));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", cmd) + " failed");
            }
            pids.add(pid);
        }
        return pids;
    }

    private static double print(List<Report> start, List<Report> end, long workersCpuNanos) {
        double wordsPerSec = 0;
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        for (int i = 0; i < start.size(); i++) {
            Report a = start.get(i);
            Report b = end.get(i);
            wordsPerSec += (b.words() - a.words()) / ((b.timeMs() - a.timeMs()) / 1000.0);
            Histogram h = b.latency().copy();
            h.subtract(a.latency());
            latency.add(h);
        }
        System.out.printf("cluster-word-count  %,12.0f words/s (2 workers, %d spout(s), acking, max.spout.pending 1000 "
                        + "each, security %s)%n", wordsPerSec, start.size(), Boolean.getBoolean("bench.secure")
                        ? "on: TLS (" + System.getProperty("bench.tls.provider", "openssl")
                        + "), mutual TLS between workers, tokens" : "off");
        double secs = (end.get(0).timeMs() - start.get(0).timeMs()) / 1000.0;
        System.out.printf("cluster-word-count  workers' CPU %.0f ns per word (%.2f cores), load average %.1f%n",
                workersCpuNanos / (wordsPerSec * secs), workersCpuNanos / 1e9 / secs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("cluster-word-count  complete latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms "
                        + "(%,d acks)%n", latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6, latency.getTotalCount());
        return wordsPerSec;
    }

    /** Development certificates, a cluster secret, a user and its credentials file, and the keys naming them. */
    private static List<String> secureConf(Path base) throws IOException {
        Path tls = base.resolve("tls");
        io.squall.security.DevCerts.write(tls, List.of());
        String token = io.squall.security.TokenStore.newToken("bench");
        Path users = Files.writeString(base.resolve("users"), io.squall.security.TokenStore.line(token) + "\n");
        Path credentials = Files.writeString(base.resolve("credentials"), token + "\n");
        return List.of("squall.auth.users.file=" + users,
                "squall.cluster.secret.file=" + tls.resolve(io.squall.security.DevCerts.SECRET),
                "squall.credentials.file=" + credentials,
                "squall.tls.cert=" + tls.resolve(io.squall.security.DevCerts.CERT),
                "squall.tls.key=" + tls.resolve(io.squall.security.DevCerts.KEY),
                "squall.tls.ca=" + tls.resolve(io.squall.security.DevCerts.CA),
                "squall.tls.provider=" + System.getProperty("bench.tls.provider", "openssl"));
    }

    private static List<Report> reports(Path dir) {
        List<Report> out = new ArrayList<>();
        File[] files = dir.toFile().listFiles((d, n) -> n.startsWith("spout-") && n.endsWith(".txt"));
        if (files == null) {
            return out;
        }
        Arrays.sort(files);
        for (File f : files) {
            try {
                out.add(Report.read(f.toPath()));
            } catch (IOException | DataFormatException | RuntimeException e) {
                throw new IllegalStateException("Unreadable spout report " + f + ": " + e, e);
            }
        }
        return out;
    }

    private static boolean leads(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void waitFor(int secs, Condition c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + secs + "s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Process daemon(Path base, String name, List<String> conf, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add(1, "-Dlogback.configurationFile=" + new File(logback).getAbsolutePath());
        }
        cmd.add("io.squall.cli.Main");
        cmd.addAll(List.of(args));
        for (String c : conf) {
            cmd.add("-c");
            cmd.add(c);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve(name + ".log").toFile()).start();
    }
}
