package io.squall.runtime.state;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the stateful word count of {@link StatefulClusterWordCount} on a real cluster (ZooKeeper, Nimbus and a
 * supervisor as processes, the topology from a JAR over two workers) and kills a worker with SIGKILL twice
 * mid-run: first one of the two workers, then the other. Before each kill it waits for checkpoints to have
 * committed (sentences acked) and holds checkpoints (the counter refuses to prepare), so that the kill falls
 * outside the commit-to-ack window the README documents. Once every sentence is acked it kills the topology
 * and hands the committed state to the caller's reader. Used by each provider's cluster test.
 */
public final class StatefulClusterRun {
    private static final Duration LONG = Duration.ofSeconds(150);

    private StatefulClusterRun() {
    }

    /** What a run measured, for the test's output. */
    public record Result(Map<String, Long> counts, List<Integer> ackedAtKills, int refusals, double seconds) {
    }

    /**
     * Runs {@code total} sentences with two worker kills and returns the committed counts as {@code reader} reads
     * them from the topology's configuration (provider and its JSON config, and {@code topology.name}), once
     * every worker has ended.
     */
    public static Result run(ClusterLauncher cluster, String name, int total, String provider, String providerConfig,
                             Function<Map<String, Object>, Map<String, Long>> reader) throws Exception {
        long start = System.nanoTime();
        int nimbusPort = ClusterLauncher.freePort();
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]");
        cluster.startZookeeper();
        cluster.startNimbus("nimbus", nimbusPort);
        Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort(),
                ClusterLauncher.freePort());
        DaemonConfig daemonConf = DaemonConfig.load(null, cluster.conf());
        NimbusClient nimbus = NimbusClient.of(daemonConf);
        Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
        try (ClusterState state = ClusterState.connect(daemonConf)) {
            Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
        }
        Path records = Files.createDirectories(cluster.base().resolve("records"));
        Path jar = TopologyJar.ofPackageOf(StatefulClusterWordCount.class, cluster.base().resolve("stateful.jar"));
        Process submit = cluster.cli("submit", "jar", jar.toString(), StatefulClusterWordCount.class.getName(), name,
                records.toString(), String.valueOf(total), provider, providerConfig);
        assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));
        Await.until(LONG, () -> cluster.workerPids().size() == 2, () -> "two workers: " + supervisor.log());
        List<Long> originals = cluster.workerPids().stream().sorted().toList();

        List<Integer> ackedAtKills = new ArrayList<>();
        int[] before = {0};
        for (long victim : originals) {
            int target = Math.max(total / 5, before[0] + total / 5);
            Await.until(LONG, atMostEvery(() -> acked(records) >= target), () -> acked(records) + " of " + target
                    + " sentences acked before kill " + (ackedAtKills.size() + 1) + "; " + cluster.workerLogs());
            ackedAtKills.add(killHeld(cluster, records, victim));
            before[0] = ackedAtKills.get(ackedAtKills.size() - 1);
            assertTrue(before[0] < total, "killed mid-run: " + before[0] + " of " + total + " acked");
            Await.until(LONG, () -> cluster.workerPids().size() == 2 && !cluster.workerPids().contains(victim),
                    () -> "the supervisor replaced the killed worker " + victim + ": " + cluster.workerPids());
        }
        Await.until(LONG, atMostEvery(() -> acked(records) == total), () -> acked(records) + " of " + total
                + " sentences acked after the kills; " + supervisor.log());

        assertEquals(0, cluster.cli("kill", "kill", name, "-w", "0").waitFor(), () -> cluster.log("kill"));
        Await.until(LONG, () -> cluster.workerPids().isEmpty(), () -> "the topology's workers gone: "
                + cluster.workerPids());
        Map<String, Object> conf = new HashMap<>(StatefulClusterWordCount.conf(provider, providerConfig));
        conf.put(Config.TOPOLOGY_NAME, name);
        int refusals = StatefulClusterWordCount.records(records, "refused-").size();
        return new Result(reader.apply(conf), ackedAtKills, refusals, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Holds checkpoints, waits until one counter task has refused two prepares (so the last commit's acks are at
     * least a checkpoint interval old and no commit can come), kills {@code victim} with SIGKILL, then lets
     * checkpoints go on.
     *
     * @return how many sentences were acked when the worker died
     */
    private static int killHeld(ClusterLauncher cluster, Path records, long victim) throws IOException {
        Map<String, Long> refusedBefore = refusalsPerTask(records);
        Path hold = Files.writeString(records.resolve("hold"), "");
        Await.until(LONG, atMostEvery(() -> refusalsPerTask(records).entrySet().stream()
                        .anyMatch(e -> e.getValue() >= refusedBefore.getOrDefault(e.getKey(), 0L) + 2)),
                () -> "a counter task refusing two prepares after the hold: " + refusalsPerTask(records));
        ClusterLauncher.signal("KILL", victim);
        Await.until(Duration.ofSeconds(30), () -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true),
                () -> "worker " + victim + " dead");
        int acked = acked(records);
        Files.delete(hold);
        return acked;
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
            String text = Files.readString(f);
            return text.chars().filter(c -> c == '\n').count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A condition checked at most every 200 ms (false in between): reading the records is not free, and the
     * workers share the machine's cores with the test.
     */
    private static BooleanSupplier atMostEvery(BooleanSupplier condition) {
        long[] next = {System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            if (now - next[0] < 0) {
                return false;
            }
            next[0] = now + 200_000_000L;
            return condition.getAsBoolean();
        };
    }

    private static int acked(Path records) {
        Set<String> ids = StatefulClusterWordCount.records(records, "acked-");
        return ids.size();
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }
}
