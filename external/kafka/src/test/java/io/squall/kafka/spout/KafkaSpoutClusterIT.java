package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.clustertest.RecordingKafkaTopology;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
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
 * workers, each spout's tuples shuffled over both) against a real broker: 100,000 records, and one worker killed with
 * SIGKILL mid-run, with the other worker's tuples in flight to it. Every record is processed, a record is processed
 * twice only if its offset was not committed when the worker died (it was not acked yet), and the committed offsets
 * reach the log end. A failure keeps the cluster's logs and the bolts' record files ({@link ClusterEvidence}).
 */
@Timeout(600)
@ExtendWith(ClusterEvidence.class)
class KafkaSpoutClusterIT {
    private static final Duration LONG = Duration.ofSeconds(150);
    /**
     * How long the run may go without a record processed or a byte logged by a daemon or worker. On a loaded machine
     * the whole run takes several times as long as on an idle one, so its waits are bounded by progress, not by a
     * total: nothing in it legitimately stays silent for as long as a worker may take to start (the cluster's
     * {@code supervisor.worker.start.timeout.secs}, 90 s, after which the supervisor logs and relaunches it), so the
     * stall allows that and 30 s more, while a stuck record shows as a standstill (every other step is a message
     * timeout, 10 s, and a retry backoff of at most 10 s).
     */
    private static final Duration STALL = Duration.ofSeconds(90 + 30);
    /** The longest any one wait may take however busy the cluster stays: within the test's timeout. */
    private static final Duration CAP = Duration.ofSeconds(400);

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
            Tally tally = new Tally(records);
            Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                    RecordingKafkaTopology.class.getPackageName(), cluster.base().resolve("kafka-topology.jar"));
            Process submit = cluster.cli("submit", "jar", jar.toString(), RecordingKafkaTopology.class.getName(),
                    topic, SharedKafka.bootstrap(), topic, topic, records.toString());
            assertEquals(0, submit.waitFor(), () -> "submit failed: " + cluster.log("submit"));

            // Polled every 100 ms: workerPids walks /proc.
            Await.untilWhileProgressing(STALL, CAP, () -> cluster.workerPids().size() == 2, cluster::logBytes,
                    () -> "two workers launched: " + supervisor.log());
            Await.untilWhileProgressing(STALL, CAP, () -> tally.times().size() >= n / 10, () -> progress(cluster,
                    tally), () -> missing(tally.times(), n));
            Set<Long> workers = cluster.workerPids();
            assertEquals(2, workers.size(), "two workers: " + workers);
            long victim = workers.stream().sorted().findFirst().orElseThrow();
            // Read just before the kill: a safe lower bound of what was committed when the worker died, so a record
            // below it was acked before and must not be processed again. Read after the kill, it could include what
            // the surviving spout committed meanwhile, past its own records whose tuples died with the worker and
            // were replayed, which would then count as wrong repeats.
            Map<TopicPartition, Long> committedAtKill = SharedKafka.committed(topic, topic);
            long killedAt = System.nanoTime();
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            Await.until(Duration.ofSeconds(30), () -> ProcessHandle.of(victim).map(p -> !p.isAlive()).orElse(true),
                    () -> "worker " + victim + " dead");
            int atKill = tally.times().size();
            assertTrue(atKill < n, "killed mid-run: " + atKill + " of " + n + " processed");

            Await.untilWhileProgressing(STALL, CAP, () -> {
                Set<Long> now = cluster.workerPids();
                return now.size() == 2 && !now.contains(victim);
            }, cluster::logBytes, () -> "a worker launched in place of " + victim + ": " + supervisor.log());
            long replacedAt = System.nanoTime();
            Await.untilWhileProgressing(STALL, CAP, () -> tally.times().size() == n, () -> progress(cluster,
                    tally), () -> missing(tally.times(), n) + " after the kill; committed "
                    + SharedKafka.committed(topic, topic) + "; log end " + SharedKafka.endOffsets(topic)
                    + stalled(cluster));
            long allProcessed = System.nanoTime();
            Map<TopicPartition, Long> end = SharedKafka.endOffsets(topic);
            Await.untilWhileProgressing(STALL, CAP, () -> SharedKafka.committed(topic, topic).equals(end),
                    () -> SharedKafka.committed(topic, topic), () -> "the committed offsets to reach the log end "
                            + end + stalled(cluster));
            assertTrue(!cluster.workerPids().contains(victim) && cluster.workerPids().size() == 2,
                    "the supervisor replaced the killed worker: " + cluster.workerPids());

            Map<String, Integer> times = tally.times();
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
                    + "kill to the new worker's launch %.1f s, to every record processed %.1f s%n", n, atKill,
                    repeated, (clusterUp - start) / 1e9, (killedAt - clusterUp) / 1e9, (replacedAt - killedAt) / 1e9,
                    (allProcessed - killedAt) / 1e9);
        }
    }

    /** What the spouts and recorders of the workers were doing when a wait stalled, and what they logged. */
    private static String stalled(ClusterLauncher cluster) {
        return "\nThe workers:" + cluster.diagnosis(List.of("executor-kafka", "executor-recorder"), "KafkaSpout");
    }

    /** What shows the run advancing: records processed, bytes the daemons and workers logged. */
    private static List<Long> progress(ClusterLauncher cluster, Tally tally) {
        return List.of((long) tally.times().size(), cluster.logBytes());
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    /**
     * How many of the {@code n} records (offsets 0.. of 4 partitions, as {@link SharedKafka#produce} writes them)
     * were processed, and the offset ranges of each partition that were not.
     */
    private static String missing(Map<String, Integer> times, int n) {
        StringBuilder s = new StringBuilder(times.size() + " of " + n + " records processed; not processed:");
        for (int p = 0; p < 4; p++) {
            s.append(" partition ").append(p).append(" [");
            long from = -1;
            int ranges = 0;
            for (long o = 0; o <= n / 4; o++) {
                boolean gap = o < n / 4 && !times.containsKey(p + ":" + o);
                if (gap && from < 0) {
                    from = o;
                } else if (!gap && from >= 0) {
                    if (ranges++ < 10) {
                        s.append(ranges > 1 ? ", " : "").append(from).append(o - 1 > from ? ".." + (o - 1) : "");
                    }
                    from = -1;
                }
            }
            s.append(ranges > 10 ? ", ... (" + ranges + " ranges)]" : "]");
        }
        return s.toString();
    }

    /**
     * How many times each {@code partition:offset} was processed, from every recording bolt's files, read as they
     * grow: each look reads only what was appended since the last, so polling it does not take the cluster's CPU.
     * Test thread only.
     */
    private static final class Tally {
        private final Path dir;
        private final Map<Path, Long> readUpTo = new HashMap<>();
        private final Map<String, Integer> times = new HashMap<>();

        Tally(Path dir) {
            this.dir = dir;
        }

        /** The counts so far; the tally's own map, updated by the next call. */
        Map<String, Integer> times() {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("processed-")).toList()) {
                    readNew(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return times;
        }

        private void readNew(Path file) throws IOException {
            long from = readUpTo.getOrDefault(file, 0L);
            try (SeekableByteChannel ch = Files.newByteChannel(file)) {
                long size = ch.size();
                if (size <= from) {
                    return;
                }
                ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
                ch.position(from);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // Reads to the size seen; what is appended meanwhile waits for the next look.
                }
                // Only whole lines: one being written (or cut by the kill) is not a record yet. Lines are ASCII.
                String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                int whole = text.lastIndexOf('\n') + 1;
                for (String line : text.substring(0, whole).split("\n")) {
                    if (!line.isEmpty()) {
                        times.merge(line, 1, Integer::sum);
                    }
                }
                readUpTo.put(file, from + whole);
            }
        }
    }
}
