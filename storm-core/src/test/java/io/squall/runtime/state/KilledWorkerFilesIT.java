package io.squall.runtime.state;

import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a worker killed with SIGKILL leaves on a real cluster (ZooKeeper, Nimbus and a supervisor as processes): its
 * RocksDB state provider loads the native library from the one copy in {@code storm.local.dir/native}, and the files
 * it left in its temporary directory are gone when the supervisor starts the next worker on its port.
 */
@Timeout(300)
@ExtendWith(ClusterEvidence.class)
class KilledWorkerFilesIT {
    private static final Duration LONG = Duration.ofSeconds(240);
    private static final String NAME = "killed-files";

    @Test
    void aKilledWorkersTemporaryFilesGoAtTheNextStartOfItsSlotAndRocksDbIsExtractedOnce() throws Exception {
        try (ClusterLauncher cluster = ClusterLauncher.create("killed-worker-files")) {
            Daemon supervisor = startCluster(cluster);
            Path jar = TopologyJar.ofPackageOf(StatefulClusterWordCount.class, cluster.base().resolve("stateful.jar"));
            Path records = Files.createDirectories(cluster.base().resolve("records"));
            ClusterSteps.submit(cluster, jar, StatefulClusterWordCount.class, NAME, records.toString(), "2000",
                    RocksDbKeyValueStateProvider.class.getName(),
                    "{\"dir\": \"" + cluster.base().resolve("state") + "\"}");
            ClusterSteps.awaitWorkers(cluster, NAME, 2, LONG, supervisor::log);
            Path nativeDir = cluster.base().resolve("local").resolve("native");
            // Each counter task opens its state at its start; both workers run one.
            Await.until(LONG, ClusterSteps.atMostEvery(() -> libraryCopies(cluster.base()).size() == 1
                    && StatefulClusterWordCount.records(records, "acked-").size() > 0),
                    () -> "the library in " + nativeDir + " and sentences acked: " + supervisor.log());

            Set<Long> before = cluster.workerPids(NAME);
            long victim = before.iterator().next();
            Path tmpdir = tmpdirOf(victim);
            assertTrue(tmpdir.startsWith(cluster.base().resolve("local")), "the worker's java.io.tmpdir " + tmpdir
                    + " is its slot's, under the supervisor's directory");
            Path left = Files.writeString(tmpdir.resolve("librocksdbjni-left-behind.so"), "a copy a kill left");
            ClusterSteps.killWorker(victim);
            Await.until(LONG, ClusterSteps.atMostEvery(() -> {
                Set<Long> now = cluster.workerPids(NAME);
                return now.size() == 2 && !now.contains(victim);
            }), () -> "a new worker in place of " + victim + ": " + supervisor.log());

            long replacement = new HashSet<>(cluster.workerPids(NAME)).stream().filter(p -> !before.contains(p))
                    .findFirst().orElseThrow();
            assertEquals(tmpdir, tmpdirOf(replacement), "the new worker has the slot's directory");
            assertFalse(Files.exists(left), "the file the killed worker left in its slot's directory is gone");
            List<Path> copies = libraryCopies(cluster.base());
            assertEquals(1, copies.size(), "one copy of the library for the whole machine: " + copies);
            assertTrue(copies.get(0).startsWith(nativeDir), copies.toString());
            ClusterSteps.killTopology(cluster, NAME);
        }
    }

    private static Daemon startCluster(ClusterLauncher cluster) {
        int nimbusPort = ClusterLauncher.freePort();
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]").conf("supervisor.monitor.freq.ms=250");
        cluster.startZookeeper();
        cluster.startNimbus("nimbus", nimbusPort);
        Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort(),
                ClusterLauncher.freePort());
        DaemonConfig daemonConf = DaemonConfig.load(null, cluster.conf());
        NimbusClient nimbus = NimbusClient.of(daemonConf);
        Await.until(LONG, ClusterSteps.atMostEvery(() -> isLeader(nimbus)),
                () -> "a leader Nimbus: " + cluster.log("nimbus"));
        // A submit before the supervisor registers finds no slot: wait for it as well.
        try (ClusterState state = ClusterState.connect(daemonConf)) {
            Await.until(LONG, ClusterSteps.atMostEvery(() -> state.supervisors().size() == 1),
                    () -> "a supervisor: " + supervisor.log());
        }
        return supervisor;
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    /** The {@code java.io.tmpdir} on a worker's command line. */
    private static Path tmpdirOf(long pid) throws IOException {
        String cmdline = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                StandardCharsets.UTF_8);
        for (String arg : cmdline.split("\0")) {
            if (arg.startsWith("-Djava.io.tmpdir=")) {
                return Path.of(arg.substring("-Djava.io.tmpdir=".length()));
            }
        }
        throw new AssertionError("worker " + pid + " has no -Djava.io.tmpdir among its options "
                + Stream.of(cmdline.split("\0")).filter(a -> a.startsWith("-D")).toList());
    }

    /** The RocksDB native libraries under {@code dir}, but not the file the test planted. */
    private static List<Path> libraryCopies(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("librocksdbjni")
                    && !f.getFileName().toString().contains("left-behind") && Files.isRegularFile(f)).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // A file went while it was walked: the next poll looks again.
        }
    }
}
