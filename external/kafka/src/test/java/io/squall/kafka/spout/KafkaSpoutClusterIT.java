package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.clustertest.RecordingKafkaTopology;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KafkaSpout on a real cluster (ZooKeeper, Nimbus and a supervisor as processes, the topology from a JAR over two
 * workers) against a real broker: 100,000 records, and one worker killed with SIGKILL mid-run. Every record is
 * processed, a record is processed twice only if its offset was not committed when the worker died (it was not
 * acked yet), and the committed offsets reach the log end.
 */
@Timeout(300)
class KafkaSpoutClusterIT {
    private static final Duration LONG = Duration.ofSeconds(150);

    @Test
    void losesNothingAndRepeatsOnlyUncommittedRecordsWhenAWorkerIsKilledMidRun() throws Exception {
        String topic = "cluster-kill";
        int n = 100_000;
        long start = System.nanoTime();
        int nimbusPort = ClusterLauncher.freePort();
        try (ClusterLauncher cluster = ClusterLauncher.create("kafka-cluster-it")) {
            cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]");
            cluster.startZookeeper();
            cluster.startNimbus("nimbus", nimbusPort);
            Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort(),
                    ClusterLauncher.freePort());
            // The daemons start while the broker does and takes the records.
            SharedKafka.createTopic(topic, 4);
            SharedKafka.produce(topic, 0, n);
            DaemonConfig conf = DaemonConfig.load(null, cluster.conf());
            NimbusClient nimbus = NimbusClient.of(conf);
            Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
            try (ClusterState state = ClusterState.connect(conf)) {
                Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
            }
            long clusterUp = System.nanoTime();
            Path records = Files.createDirectories(cluster.base().resolve("records"));
            Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                    RecordingKafkaTopology.class.getPackageName(), cluster.base().resolve("kafka-topology.jar"));
            Process submit = cluster.cli("submit", "jar", jar.toString(), RecordingKafkaTopology.class.getName(),
                    topic, SharedKafka.bootstrap(), topic, topic, records.toString());
            assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));

            Await.until(LONG, () -> processed(records).size() >= n / 10,
                    () -> processed(records).size() + " records processed; " + supervisor.log());
            long killedAt = System.nanoTime();
            Set<Long> workers = cluster.workerPids();
            assertEquals(2, workers.size(), "two workers: " + workers);
            long victim = workers.stream().sorted().findFirst().orElseThrow();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            Await.until(Duration.ofSeconds(30), () -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true),
                    () -> "worker " + victim + " dead");
            // The dead worker's spout can commit nothing more: what it had not committed is all it may repeat.
            Map<TopicPartition, Long> committedAtKill = SharedKafka.committed(topic, topic);
            int atKill = processed(records).size();
            assertTrue(atKill < n, "killed mid-run: " + atKill + " of " + n + " processed");

            Await.until(LONG, () -> processed(records).size() == n, () -> processed(records).size() + " of " + n
                    + " records processed after the kill; " + supervisor.log());
            long allProcessed = System.nanoTime();
            Await.until(Duration.ofSeconds(60), () -> SharedKafka.committed(topic, topic)
                    .equals(SharedKafka.endOffsets(topic)), () -> "committed " + SharedKafka.committed(topic, topic)
                    + " to reach the log end " + SharedKafka.endOffsets(topic));
            assertTrue(!cluster.workerPids().contains(victim) && cluster.workerPids().size() == 2,
                    "the supervisor replaced the killed worker: " + cluster.workerPids());

            Map<String, Integer> times = processed(records);
            List<String> wrongRepeats = new ArrayList<>();
            int repeated = 0;
            for (Map.Entry<String, Integer> e : times.entrySet()) {
                if (e.getValue() > 1) {
                    repeated++;
                    String[] po = e.getKey().split(":");
                    long committed = committedAtKill.getOrDefault(new TopicPartition(topic, Integer.parseInt(po[0])),
                            0L);
                    if (Long.parseLong(po[1]) < committed) {
                        wrongRepeats.add(e.getKey() + " (committed " + committed + ")");
                    }
                }
            }
            assertTrue(wrongRepeats.isEmpty(), "records processed again although their offsets were committed "
                    + "before the kill: " + wrongRepeats.subList(0, Math.min(20, wrongRepeats.size())));
            System.out.printf("KafkaSpoutClusterIT: %d records, worker killed at %d processed, %d processed twice "
                    + "(none committed before the kill); cluster and broker up %.1f s, to the kill %.1f s, from the "
                    + "kill to every record processed %.1f s%n", n, atKill, repeated, (clusterUp - start) / 1e9,
                    (killedAt - clusterUp) / 1e9, (allProcessed - killedAt) / 1e9);
        }
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    /** How many times each {@code partition:offset} was processed, from every recording bolt's files. */
    private static Map<String, Integer> processed(Path dir) {
        Map<String, Integer> times = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("processed-")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // Only whole lines: one being written (or cut by the kill) is not a record yet.
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    if (!line.isEmpty()) {
                        times.merge(line, 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return times;
    }
}
