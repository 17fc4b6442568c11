package io.squall.flux;

import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.flux.clustertest.FileCountBolt;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code squall jar TOPOLOGY.jar io.squall.flux.Flux --remote --inactive --filter FILE topology.yaml} against a real
 * cluster (ZooKeeper, Nimbus and a supervisor as processes on loopback): the YAML names Storm's spout class and takes
 * the records directory from the filter file, the topology's own bolt comes from its JAR, and once activated its
 * worker counts words.
 */
@Timeout(180)
@ExtendWith(ClusterEvidence.class)
class FluxClusterIT {
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final List<String> WORDS = List.of("nathan", "mike", "jackson", "golda", "bertels");

    @Test
    void aFluxTopologySubmittedWithRemoteRunsOnTheCluster() throws Exception {
        try (ClusterLauncher cluster = ClusterLauncher.create("flux-cluster")) {
            Path base = cluster.base();
            int nimbusPort = ClusterLauncher.freePort();
            cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]");
            cluster.startZookeeper();
            cluster.startNimbus("nimbus", nimbusPort);
            Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort());
            DaemonConfig conf = DaemonConfig.load(null, cluster.conf());
            // The supervisor can register before Nimbus listens: a submit then finds no leader. Wait for both.
            NimbusClient nimbus = NimbusClient.of(conf);
            Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
            try (ClusterState state = ClusterState.connect(conf)) {
                Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
            }

            Path records = Files.createDirectories(base.resolve("records"));
            Path props = base.resolve("cluster.properties");
            Files.writeString(props, "records.dir=" + records + "\n", StandardCharsets.UTF_8);
            Path yaml = base.resolve("remote_wordcount.yaml");
            try (InputStream in = FluxClusterIT.class.getResourceAsStream("/cluster/remote_wordcount.yaml")) {
                Files.copy(in, yaml);
            }
            Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                    FileCountBolt.class.getPackageName(), base.resolve("topology.jar"));
            Process submit = cluster.cli("submit", "jar", jar.toString(), Flux.class.getName(), "--remote",
                    "--inactive", "--filter", props.toString(), yaml.toString());
            assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));
            assertTrue(cluster.log("submit").contains("Submitted topology 'flux-remote' (inactive)"),
                    cluster.log("submit"));
            // Submitted inactive (Storm's INACTIVE option): no spout has emitted, and none will before an activate.
            assertEquals("INACTIVE", nimbus.getTopology("flux-remote").get("status"));
            try (var counted = Files.list(records)) {
                assertEquals(0, counted.count(), "nothing counted while inactive");
            }
            nimbus.activate("flux-remote");

            Await.until(LONG, () -> WORDS.stream().allMatch(w -> count(records, w) >= 2),
                    () -> "every word counted twice on the worker: " + WORDS.stream().map(w -> w + "="
                            + count(records, w)).toList() + "; " + supervisor.log());
            nimbus.killTopology("flux-remote", 0);
            Await.until(LONG, () -> cluster.workerPids().isEmpty(), () -> "the worker stopped");
        }
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    private static long count(Path dir, String word) {
        try {
            Path f = dir.resolve(word);
            return Files.exists(f) ? Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
