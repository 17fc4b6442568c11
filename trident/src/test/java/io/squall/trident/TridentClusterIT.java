package io.squall.trident;

import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.trident.clustertest.ClusterWordCount;
import io.squall.trident.coordinator.ZkCoordinatorStore;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.MapStates;
import io.squall.trident.state.map.RocksDbMapState;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trident on a real cluster: ZooKeeper, Nimbus and a supervisor as processes on loopback. A word count over a log
 * file with RocksDB state and its coordinator in ZooKeeper has its worker killed with SIGKILL mid-run; the
 * supervisor restarts it and the final counts are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
@ExtendWith(ClusterEvidence.class)
class TridentClusterIT {
    private static final Duration LONG = Duration.ofSeconds(180);

    private ClusterLauncher cluster;
    private Path base;
    private int zkPort;
    private ClusterState state;

    @BeforeAll
    void startCluster() {
        cluster = ClusterLauncher.create("trident-cluster-it");
        base = cluster.base();
        zkPort = cluster.zookeeperPort();
        int nimbusPort = ClusterLauncher.freePort();
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]").conf("worker.heap.memory.mb=256");
        cluster.startZookeeper();
        state = ClusterState.connect(DaemonConfig.load(null, cluster.conf()));
        cluster.startNimbus("nimbus", nimbusPort);
        Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort());
        Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
        // The supervisor can register before Nimbus listens: a submit then finds no leader.
        NimbusClient nimbus = NimbusClient.of(DaemonConfig.load(null, cluster.conf()));
        Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (java.io.IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    @AfterAll
    void stopCluster() {
        if (state != null) {
            state.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void countsExactlyOnceThroughAWorkerKilledMidRun() throws Exception {
        int lines = 3000;
        int perBatch = 20;
        String[] vocabulary = {"alpha", "beta", "gamma", "delta", "epsilon"};
        Map<List<Object>, Object> expected = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String line = vocabulary[i % 5] + " " + vocabulary[(i * 7) % 5];
            text.append(line).append('\n');
            for (String w : line.split(" ")) {
                expected.merge(List.of(w), 1L, (x, y) -> (Long) x + (Long) y);
            }
        }
        Path log = base.resolve("words.log");
        Files.writeString(log, text.toString(), StandardCharsets.UTF_8);
        Path db = base.resolve("counts");
        Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"), ClusterWordCount.class.getPackageName(),
                base.resolve("topology.jar"));
        Process submit = cluster.cli("submit", "jar", jar.toString(), ClusterWordCount.class.getName(),
                "trident-wc", log.toString(), db.toString(), String.valueOf(zkPort), String.valueOf(perBatch));
        assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));
        long batches = lines / perBatch;
        try (ZkCoordinatorStore coordinator = new ZkCoordinatorStore("127.0.0.1:" + zkPort, "/squall/trident",
                "cluster-wc", 20_000)) {
            Await.until(LONG, () -> coordinator.committedTxid() >= batches / 4,
                    () -> "a quarter of the batches committed, at " + coordinator.committedTxid());
            Set<Long> killed = cluster.workerPids();
            assertEquals(1, killed.size(), "one worker: " + killed);
            killed.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            long atKill = coordinator.committedTxid();
            assertTrue(atKill < batches, "killed mid-run, at txid " + atKill + " of " + batches);
            Await.until(LONG, () -> !cluster.workerPids().isEmpty() && !cluster.workerPids().equals(killed),
                    () -> "the supervisor restarts the worker");
            Await.until(LONG, () -> coordinator.committedTxid() >= batches + 2,
                    () -> "every batch committed, at " + coordinator.committedTxid());
        }
        NimbusClient.of(DaemonConfig.load(null, cluster.conf())).killTopology("trident-wc", 0);
        Await.until(LONG, () -> cluster.workerPids().isEmpty(), () -> "the worker stopped");
        Map<List<Object>, Object> counted = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        try (RocksDbMapState s = RocksDbMapState.open(db)) {
            List<List<Object>> keys = new ArrayList<>(expected.keySet());
            List<Object> vals = s.multiGet(keys);
            for (int i = 0; i < keys.size(); i++) {
                counted.put(keys.get(i), MapStates.unwrap(StateType.TRANSACTIONAL, vals.get(i)));
            }
        }
        assertEquals(expected, counted);
    }
}
