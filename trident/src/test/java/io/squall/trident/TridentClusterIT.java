package io.squall.trident;

import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trident on a real cluster: ZooKeeper, Nimbus and a supervisor as processes on loopback. A word count over a log
 * file with RocksDB state and its coordinator in ZooKeeper has its worker killed with SIGKILL mid-run; the
 * supervisor restarts it and the final counts are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class TridentClusterIT {
    private static final Duration LONG = Duration.ofSeconds(180);

    private Path base;
    private String classpath;
    private final List<String> common = new ArrayList<>();
    private int zkPort;
    private final List<Process> daemons = new ArrayList<>();
    private Process supervisor;
    private ClusterState state;

    @BeforeAll
    void startCluster() throws Exception {
        base = Files.createTempDirectory(Path.of("target"), "trident-cluster-it").toAbsolutePath();
        classpath = daemonClasspath();
        zkPort = freePort();
        int nimbusPort = freePort();
        common.addAll(List.of(
                "storm.zookeeper.port=" + zkPort,
                "storm.zookeeper.session.timeout=4000",
                "storm.zookeeper.connection.timeout=20000",
                "storm.local.dir=" + base.resolve("local"),
                "dev.zookeeper.path=" + base.resolve("zookeeper"),
                "squall.logs.dir=" + base.resolve("logs"),
                "nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]",
                "nimbus.host=127.0.0.1",
                "nimbus.port=" + nimbusPort,
                "nimbus.monitor.freq.ms=500",
                "supervisor.host=127.0.0.1",
                "supervisor.monitor.freq.ms=500",
                "supervisor.slots.ports=[" + freePort() + "]",
                "supervisor.worker.timeout.secs=10",
                "supervisor.worker.start.timeout.secs=90",
                "worker.heartbeat.frequency.ms=500",
                "worker.heap.memory.mb=256",
                "worker.childopts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        daemons.add(start("zookeeper", "dev-zookeeper"));
        state = ClusterState.connect(DaemonConfig.load(null, common));
        daemons.add(start("nimbus", "nimbus"));
        supervisor = start("supervisor", "supervisor");
        daemons.add(supervisor);
        Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor");
    }

    @AfterAll
    void stopCluster() throws IOException {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).descendants().forEach(ProcessHandle::destroyForcibly);
            daemons.get(i).destroyForcibly();
        }
        if (state != null) {
            state.close();
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
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
        Process submit = start("submit", "jar", buildTopologyJar().toString(), ClusterWordCount.class.getName(),
                "trident-wc", log.toString(), db.toString(), String.valueOf(zkPort), String.valueOf(perBatch));
        assertEquals(0, submit.waitFor(), () -> "submit failed: " + log("submit"));
        long batches = lines / perBatch;
        try (ZkCoordinatorStore coordinator = new ZkCoordinatorStore("127.0.0.1:" + zkPort, "/squall/trident",
                "cluster-wc", 20_000)) {
            Await.until(LONG, () -> coordinator.committedTxid() >= batches / 4,
                    () -> "a quarter of the batches committed, at " + coordinator.committedTxid());
            Set<Long> killed = workerPids();
            assertEquals(1, killed.size(), "one worker: " + killed);
            killed.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            long atKill = coordinator.committedTxid();
            assertTrue(atKill < batches, "killed mid-run, at txid " + atKill + " of " + batches);
            Await.until(LONG, () -> !workerPids().isEmpty() && !workerPids().equals(killed),
                    () -> "the supervisor restarts the worker");
            Await.until(LONG, () -> coordinator.committedTxid() >= batches + 2,
                    () -> "every batch committed, at " + coordinator.committedTxid());
        }
        NimbusClient.of(DaemonConfig.load(null, common)).killTopology("trident-wc", 0);
        Await.until(LONG, () -> workerPids().isEmpty(), () -> "the worker stopped");
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

    // --- helpers ---

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A topology JAR with the classes of the clustertest package. */
    private Path buildTopologyJar() throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path pkg = classes.resolve("io/squall/trident/clustertest");
        Path out = base.resolve("topology.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(out));
             Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return out;
    }

    /** The test class path without the test classes: the topology's classes come only from its JAR. */
    private static String daemonClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Process start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + Path.of("..", "conf", "logback.xml").toAbsolutePath(),
                "-cp", classpath, "io.squall.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        for (String c : common) {
            cmd.add("-c");
            cmd.add(c);
        }
        Files.createDirectories(base.resolve("daemons"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve("daemons").resolve(name + ".log").toFile()).start();
    }

    private String log(String name) {
        try {
            return Files.readString(base.resolve("daemons").resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The supervisor's worker processes. */
    private Set<Long> workerPids() {
        Set<Long> pids = new HashSet<>();
        supervisor.children().filter(ProcessHandle::isAlive).forEach(p -> pids.add(p.pid()));
        return pids;
    }
}
