package io.squall.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs stateful word counts of {@link StatefulClusterWordCount} side by side on one real cluster (ZooKeeper,
 * Nimbus and a supervisor as processes, each topology from a JAR over two workers of its own) and kills a worker
 * of each with SIGKILL twice mid-run: first one of its two workers, then the other. Before each kill it waits for
 * checkpoints to have committed (a quarter, then half of the sentences acked) and holds checkpoints (the counter
 * refuses to prepare), so that the kill falls outside the commit-to-ack window the README documents. Once every
 * sentence is acked it reads the counts the topologies committed, then rescales the counter of each with
 * {@code bin/squall rebalance NAME -e count=N} for each step while more sentences flow, and reads the counts again
 * once those are acked. At the end it kills the topologies and hands each one's committed state to its reader.
 * The topologies share the cluster's start-up and their recoveries overlap, which keeps the test short.
 */
public final class StatefulClusterRun {
    private static final Duration LONG = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A topology to run: its name, state provider and provider config, and how to read its committed counts from
     * its configuration (with {@code topology.name}) once its workers have ended; {@code readableWhileRunning} when
     * the reader may also read them while the workers run (a shared store, whose state sizes are exact). While it
     * runs the counts are queried through Nimbus (queryable state), and also read by the reader when it may.
     */
    public record Topology(String name, String provider, String providerConfig,
                           Function<Map<String, Object>, Map<String, Long>> reader, boolean readableWhileRunning) {
    }

    /**
     * A run of its own beside the word counts, on the same cluster: its topologies come from the same JAR (the
     * package of {@link StatefulClusterWordCount}) and run on workers of their own. {@link #run} is called on a
     * thread of its own once the word counts are submitted, and must end, its topologies killed, by itself.
     */
    public interface Alongside {
        /** The worker slots its topologies take. */
        int workers();

        /** Runs its topologies and checks them, throwing an {@link AssertionError} for what is wrong. */
        void run(ClusterLauncher cluster, Path jar) throws Exception;
    }

    /**
     * The counter's committed counts once every sentence below {@code sentences} was acked, with {@code tasks}
     * counter tasks (the ones the workers ran, from their records) and the seconds the step took from its
     * rebalance to its last ack (0 for the step before any rescale).
     */
    public record Step(int tasks, int sentences, Map<String, Long> counts, double seconds) {
    }

    /**
     * What a run measured: the committed counts, the sentences acked at each kill, the prepares refused while
     * checkpoints were held, and the seconds from the start to the cluster being up, to each kill and to the last
     * ack.
     */
    public record Result(String name, Map<String, Long> counts, List<Integer> ackedAtKills, int refusals,
                         double clusterUp, List<Double> kills, double allAcked, List<Step> steps) {
        /** The figures as one line. */
        public String summary() {
            return String.format("%s: cluster up at %.1f s, workers killed at %s s with %s sentences acked, every "
                    + "sentence acked at %.1f s; %d prepares refused while checkpoints were held; counter tasks %s "
                    + "after %s sentences, rescale steps of %s s", name, clusterUp,
                    kills.stream().map(k -> String.format("%.1f", k)).toList(), ackedAtKills, allAcked, refusals,
                    steps.stream().map(Step::tasks).toList(), steps.stream().map(Step::sentences).toList(),
                    steps.stream().skip(1).map(st -> String.format("%.1f", st.seconds())).toList());
        }
    }

    /** One topology's records directory, original workers and progress. */
    private static final class Run {
        final Topology topology;
        final Path records;
        /** The workers that replaced killed ones: not a victim again while a worker that was not killed lives. */
        final Set<Long> replacements = new HashSet<>();
        final List<Integer> ackedAtKills = new ArrayList<>();
        final List<Double> kills = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
        Map<String, Long> refusedBefore;
        /** The sentences the spout emits: the total, raised by each rescale step. */
        int limit;

        Run(Topology topology, Path records) {
            this.topology = topology;
            this.records = records;
        }

        int lastAcked() {
            return ackedAtKills.isEmpty() ? 0 : ackedAtKills.get(ackedAtKills.size() - 1);
        }
    }

    private final ClusterLauncher cluster;
    private final int total;
    private final List<Integer> rescales;
    private final int perRescale;
    private final List<Alongside> alongside;
    private final long start = System.nanoTime();
    private double clusterUp;
    private NimbusClient nimbus;

    private StatefulClusterRun(ClusterLauncher cluster, int total, List<Integer> rescales, int perRescale,
                               List<Alongside> alongside) {
        this.cluster = cluster;
        this.total = total;
        this.rescales = rescales;
        this.perRescale = perRescale;
        this.alongside = alongside;
    }

    /**
     * Starts the cluster, runs {@code total} sentences through each topology with two worker kills each, and
     * returns what each run measured.
     */
    public static List<Result> run(ClusterLauncher cluster, int total, List<Topology> topologies) throws Exception {
        return run(cluster, total, topologies, List.of(), 0, List.of());
    }

    /**
     * Runs as {@link #run(ClusterLauncher, int, List)}, then rescales each topology's counter to each task count of
     * {@code rescales} in turn while {@code perRescale} more sentences flow, reading the committed counts before the
     * first rescale and after each.
     */
    public static List<Result> run(ClusterLauncher cluster, int total, List<Topology> topologies,
                                   List<Integer> rescales, int perRescale) throws Exception {
        return run(cluster, total, topologies, rescales, perRescale, List.of());
    }

    /**
     * Runs as {@link #run(ClusterLauncher, int, List, List, int)} with the runs of {@code alongside} beside it on
     * the same cluster, and fails with the first of their failures.
     */
    public static List<Result> run(ClusterLauncher cluster, int total, List<Topology> topologies,
                                   List<Integer> rescales, int perRescale, List<Alongside> alongside)
            throws Exception {
        return new StatefulClusterRun(cluster, total, rescales, perRescale, alongside).runAll(topologies);
    }

    private List<Result> runAll(List<Topology> topologies) throws Exception {
        ExecutorService beside = Executors.newCachedThreadPool();
        try {
            return runAll(topologies, beside);
        } finally {
            beside.shutdownNow();
        }
    }

    private List<Result> runAll(List<Topology> topologies, ExecutorService beside) throws Exception {
        Daemon supervisor = startCluster(2 * topologies.size()
                + alongside.stream().mapToInt(Alongside::workers).sum());
        Path jar = TopologyJar.ofPackageOf(StatefulClusterWordCount.class, cluster.base().resolve("stateful.jar"));
        List<Run> runs = new ArrayList<>();
        for (Topology t : topologies) {
            Run r = new Run(t, Files.createDirectories(cluster.base().resolve("records-" + t.name())));
            r.limit = total;
            ClusterSteps.submit(cluster, jar, StatefulClusterWordCount.class, t.name(), r.records.toString(),
                    String.valueOf(total), t.provider(), t.providerConfig());
            runs.add(r);
        }
        List<Future<?>> besides = new ArrayList<>();
        for (Alongside a : alongside) {
            besides.add(beside.submit(() -> {
                a.run(cluster, jar);
                return null;
            }));
        }
        for (Run r : runs) {
            ClusterSteps.awaitWorkers(cluster, r.topology.name(), 2, LONG, supervisor::log);
        }
        for (int kill = 0; kill < 2; kill++) {
            killOneWorkerOfEach(runs, kill);
        }
        double[] allAcked = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Await.until(LONG, ClusterSteps.atMostEvery(() -> acked(r.records) == total), () -> acked(r.records) + " of " + total
                    + " sentences of " + r.topology.name() + " acked after the kills; " + supervisor.log());
            allAcked[i] = ClusterSteps.secondsSince(start);
        }
        if (!rescales.isEmpty()) {
            for (Run r : runs) {
                Await.until(LONG, () -> counterTasks(r) == 2, () -> r.topology.name() + ": 2 counter tasks in the "
                        + "workers, not " + counterTasks(r));
                r.steps.add(new Step(counterTasks(r), total, liveCounts(r, 2), 0));
            }
            refusedRebalances(runs.get(0).topology.name());
            for (int tasks : rescales) {
                rescale(runs, tasks);
            }
        }
        for (Future<?> f : besides) {
            try {
                f.get(LONG.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new AssertionError("A run beside the word counts failed: " + e.getCause(), e.getCause());
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            String name = r.topology.name();
            ClusterSteps.killTopology(cluster, name);
            Await.until(LONG, () -> cluster.workerPids(name).isEmpty(), () -> "the workers of " + name + " gone: "
                    + cluster.workerPids(name));
            Map<String, Object> conf = new HashMap<>(StatefulClusterWordCount.conf(r.topology.provider(),
                    r.topology.providerConfig()));
            conf.put(Config.TOPOLOGY_NAME, name);
            int refusals = StatefulClusterWordCount.records(r.records, "refused-").size();
            results.add(new Result(name, r.topology.reader().apply(conf), r.ackedAtKills, refusals, clusterUp,
                    r.kills, allAcked[i], r.steps));
        }
        return results;
    }

    private Daemon startCluster(int slots) {
        int nimbusPort = ClusterLauncher.freePort();
        // The test kills workers itself: longer session and heartbeat timeouts keep a loaded machine from adding
        // kills of its own (a worker that misses them restarts, which the test survives but does not plan for).
        // The supervisor syncs every 250 ms rather than every second: it sees a killed worker and a rebalance's
        // new assignment sooner, and each kill and rescale step waits for that.
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]")
                .conf("storm.zookeeper.session.timeout=15000")
                .conf("supervisor.worker.timeout.secs=30")
                .conf("supervisor.monitor.freq.ms=250");
        cluster.startZookeeper();
        cluster.startNimbus("nimbus", nimbusPort);
        int[] ports = new int[slots];
        for (int i = 0; i < slots; i++) {
            ports[i] = ClusterLauncher.freePort();
        }
        Daemon supervisor = cluster.startSupervisor("supervisor", ports);
        DaemonConfig daemonConf = DaemonConfig.load(null, cluster.conf());
        nimbus = NimbusClient.of(daemonConf);
        Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
        try (ClusterState state = ClusterState.connect(daemonConf)) {
            Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
        }
        clusterUp = ClusterSteps.secondsSince(start);
        return supervisor;
    }

    /**
     * Waits for a quarter of the sentences more to be acked in each topology, holds its checkpoints, waits until a
     * counter task of each has refused two prepares (so the last commit's acks are at least a checkpoint interval
     * old and no commit can come), kills the {@code kill}-th original worker of each with SIGKILL, lets
     * checkpoints go on, and waits for the supervisor to replace the killed workers.
     */
    private void killOneWorkerOfEach(List<Run> runs, int kill) throws IOException {
        // Each topology is held as soon as it gets there: a held topology commits nothing, so it waits for the
        // others without running to its end.
        int target = (kill + 1) * total / 4;
        Set<Run> held = new HashSet<>();
        Await.until(LONG, ClusterSteps.atMostEvery(() -> {
            for (Run r : runs) {
                if (!held.contains(r) && acked(r.records) >= target) {
                    hold(r);
                    held.add(r);
                }
            }
            return held.size() == runs.size();
        }), () -> "each topology at " + target + " sentences acked before kill " + (kill + 1) + ": "
                + runs.stream().map(r -> r.topology.name() + " " + acked(r.records)).toList());
        for (Run r : runs) {
            Await.until(LONG, ClusterSteps.atMostEvery(() -> refusalsPerTask(r.records).entrySet().stream()
                            .anyMatch(e -> e.getValue() >= r.refusedBefore.getOrDefault(e.getKey(), 0L) + 2)),
                    () -> "a counter task of " + r.topology.name() + " refusing two prepares after the hold: "
                            + refusalsPerTask(r.records));
        }
        List<Long> victims = new ArrayList<>();
        List<Set<Long>> before = new ArrayList<>();
        for (Run r : runs) {
            before.add(cluster.workerPids(r.topology.name()));
            long victim = victim(r);
            victims.add(victim);
            ClusterSteps.killWorker(victim);
            r.kills.add(ClusterSteps.secondsSince(start));
            r.ackedAtKills.add(acked(r.records));
            assertTrue(r.lastAcked() < total, "killed mid-run: " + r.lastAcked() + " of " + total + " acked");
        }
        for (Run r : runs) {
            Files.delete(r.records.resolve("hold"));
        }
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            long victim = victims.get(i);
            Await.until(LONG, () -> {
                var now = cluster.workerPids(r.topology.name());
                return now.size() == 2 && !now.contains(victim);
            }, () -> "the supervisor replacing the killed worker " + victim + ": " + cluster.workerPids());
            Set<Long> started = new HashSet<>(cluster.workerPids(r.topology.name()));
            started.removeAll(before.get(i));
            r.replacements.addAll(started);
        }
    }

    /**
     * Rescales the counter of each topology to {@code tasks} tasks with {@code bin/squall rebalance} while
     * sentences are in flight: raises each spout's limit and holds checkpoints (the counter refuses to prepare, so
     * nothing is acked), rebalances once a counter task has refused a prepare, lets checkpoints go on once both
     * workers of each are replaced, then waits for every sentence to be acked and reads the committed counts.
     */
    private void rescale(List<Run> runs, int tasks) throws Exception {
        for (Run r : runs) {
            r.limit += perRescale;
            hold(r);
            Path tmp = r.records.resolve("limit.tmp");
            Files.writeString(tmp, String.valueOf(r.limit));
            Files.move(tmp, r.records.resolve("limit"), StandardCopyOption.ATOMIC_MOVE);
        }
        List<Set<Long>> before = new ArrayList<>();
        List<Process> rebalances = new ArrayList<>();
        for (Run r : runs) {
            Await.until(LONG, ClusterSteps.atMostEvery(() -> refusalsPerTask(r.records).entrySet().stream()
                            .anyMatch(e -> e.getValue() > r.refusedBefore.getOrDefault(e.getKey(), 0L))),
                    () -> "a counter task of " + r.topology.name() + " refusing a prepare before the rescale to "
                            + tasks + ": " + refusalsPerTask(r.records));
            before.add(cluster.workerPids(r.topology.name()));
            // No wait: the rescale comes while tuples are in flight, so their replays meet the moved state.
            rebalances.add(cluster.cli(rebalanceLog(r, tasks), "rebalance", r.topology.name(), "-w", "0", "-e",
                    "count=" + tasks));
        }
        double rebalanced = ClusterSteps.secondsSince(start);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            String log = rebalanceLog(r, tasks);
            assertEquals(0, rebalances.get(i).waitFor(), () -> cluster.log(log));
            assertTrue(cluster.log(log).contains("Rebalanced topology " + r.topology.name()), () -> cluster.log(log));
        }
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Set<Long> old = before.get(i);
            Await.until(LONG, () -> {
                Set<Long> now = cluster.workerPids(r.topology.name());
                return now.size() == 2 && now.stream().noneMatch(old::contains);
            }, () -> "both workers of " + r.topology.name() + " restarted by the rescale to " + tasks + ": before "
                    + old + ", now " + cluster.workerPids(r.topology.name()));
            int acked = acked(r.records);
            assertTrue(acked < r.limit, () -> r.topology.name() + ": sentences in flight at the rescale, " + acked
                    + " of " + r.limit + " acked");
            Files.delete(r.records.resolve("hold"));
        }
        for (Run r : runs) {
            Await.until(LONG, ClusterSteps.atMostEvery(() -> acked(r.records) == r.limit), () -> acked(r.records) + " of "
                    + r.limit + " sentences of " + r.topology.name() + " acked after the rescale to " + tasks + "; "
                    + cluster.workerLogs());
            double seconds = ClusterSteps.secondsSince(start) - rebalanced;
            Await.until(LONG, () -> counterTasks(r) == tasks, () -> r.topology.name() + ": " + tasks + " counter "
                    + "tasks in the workers after the rescale, not " + counterTasks(r));
            r.steps.add(new Step(counterTasks(r), r.limit, liveCounts(r, tasks), seconds));
        }
    }

    private static String rebalanceLog(Run r, int tasks) {
        return "rebalance-" + r.topology.name() + "-" + tasks;
    }

    /**
     * Bad rebalances that Nimbus refuses, with the CLI failing and saying why: more counter tasks than key groups,
     * and more executors than tasks for a bolt that is not keyed.
     */
    private void refusedRebalances(String name) throws InterruptedException {
        // Both at once: each is a JVM's start.
        Process tooMany = cluster.cli("rebalance-too-many", "rebalance", name, "-e", "count=200");
        Process split = cluster.cli("rebalance-split", "rebalance", name, "-e", "split=3");
        assertEquals(1, tooMany.waitFor(), () -> cluster.log("rebalance-too-many"));
        assertTrue(cluster.log("rebalance-too-many").contains("Stateful bolt 'count' cannot have 200 tasks: its "
                + "state is split into topology.state.key.groups = 128 key groups"), cluster.log("rebalance-too-many"));
        assertEquals(1, split.waitFor(), () -> cluster.log("rebalance-split"));
        assertTrue(cluster.log("rebalance-split").contains("Component 'split' has 2 tasks, so it can run on 1 to 2 "
                + "executors, not 3"), cluster.log("rebalance-split"));
    }

    /**
     * The counter tasks the topology's live workers run, from the records they opened (each counter task opens
     * {@code refused-TASK-PID.txt} when it starts).
     */
    private int counterTasks(Run r) {
        Set<String> pids = cluster.workerPids(r.topology.name()).stream().map(String::valueOf)
                .collect(Collectors.toSet());
        try (var files = Files.list(r.records)) {
            return (int) files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("refused-"))
                    .map(f -> f.substring(0, f.length() - ".txt".length()).split("-"))
                    .filter(parts -> pids.contains(parts[2])).map(parts -> parts[1]).distinct().count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The counts the running topology committed, queried through Nimbus for every word, which also checks that
     * {@code tasks} counter tasks answer for their states' sizes. When its store may be read while it runs, the
     * counts read there must be the same, and the sizes must add up to the words.
     */
    private Map<String, Long> liveCounts(Run r, int tasks) throws Exception {
        Map<String, Object> conf = new HashMap<>(StatefulClusterWordCount.conf(r.topology.provider(),
                r.topology.providerConfig()));
        String name = r.topology.name();
        conf.put(Config.TOPOLOGY_NAME, name);
        // A task answers once its state is initialized; RocksDB's sizes are estimates, so there only the tasks count.
        JsonNode[] sizes = new JsonNode[1];
        Await.until(LONG, () -> {
            try {
                sizes[0] = query(name, null).get("tasks");
                return sizes[0].size() == tasks;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> name + ": a state size from each of " + tasks + " counter tasks: " + sizes[0]);
        Set<String> words = StatefulClusterWordCount.expectedCounts(1000).keySet();
        ExecutorService pool = Executors.newFixedThreadPool(words.size());
        try {
            Map<String, Future<JsonNode>> answers = new TreeMap<>();
            for (String w : words) {
                answers.put(w, pool.submit(() -> query(name, w)));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, Future<JsonNode>> e : answers.entrySet()) {
                JsonNode value = e.getValue().get().get("value");
                if (value != null && !value.isNull()) {
                    counts.put(e.getKey(), value.asLong());
                }
            }
            if (r.topology.readableWhileRunning()) {
                assertEquals(r.topology.reader().apply(conf), counts, name + ": the counts queried through Nimbus "
                        + "are those in the store");
                long keys = 0;
                for (JsonNode t : sizes[0]) {
                    keys += t.get("size").asLong();
                }
                assertEquals(counts.size(), keys, name + ": each word in one task's state size: " + sizes[0]);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Nimbus's answer to a state query, asked again while the workers do not answer in time. */
    private JsonNode query(String name, String key) throws Exception {
        JsonNode[] answer = new JsonNode[1];
        Exception[] last = new Exception[1];
        Await.until(LONG, () -> {
            try {
                answer[0] = JSON.readTree(nimbus.readState(name, "count", key));
                return true;
            } catch (IOException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("Interrupted while querying " + name + "'s count state", e);
                }
                last[0] = e;
                return false;
            }
        }, () -> "an answer to the query of " + name + "'s count state for key " + key + ": " + last[0]);
        return answer[0];
    }

    private static void hold(Run r) {
        r.refusedBefore = refusalsPerTask(r.records);
        try {
            Files.writeString(r.records.resolve("hold"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The worker to kill: the lowest pid of those that did not replace a killed one, so that the second kill hits
     * the worker the first spared.
     */
    private long victim(Run r) {
        Set<Long> now = cluster.workerPids(r.topology.name());
        return now.stream().filter(p -> !r.replacements.contains(p)).sorted().findFirst()
                .orElseGet(() -> now.stream().sorted().findFirst().orElseThrow(
                        () -> new AssertionError("no live worker of " + r.topology.name() + " to kill")));
    }

    /** Refusal records per counter task (files are {@code refused-TASK-PID.txt}, one line per refusal). */
    private static Map<String, Long> refusalsPerTask(Path records) {
        try (var files = Files.list(records)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("refused-"))
                    .collect(Collectors.groupingBy(f -> f.split("-")[1], Collectors.summingLong(f -> lines(
                            records.resolve(f)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path f) {
        try {
            return Files.readString(f).chars().filter(c -> c == '\n').count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int acked(Path records) {
        return StatefulClusterWordCount.records(records, "acked-").size();
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }
}
