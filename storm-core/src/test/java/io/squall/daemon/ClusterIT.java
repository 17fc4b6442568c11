package io.squall.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squall.Await;
import io.squall.SquallSubmitter;
import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.TopologyInfo;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;
import io.squall.blobstore.InputStreamWithMeta;
import io.squall.blobstore.NimbusBlobStore;
import io.squall.clustertest.BlobReader;
import io.squall.clustertest.RecordingWordCount;
import io.squall.config.DaemonConfig;
import io.squall.daemon.ui.NimbusClusterView;
import io.squall.errors.SquallException;
import io.squall.metrics.aggregate.MetricsClient;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.builtin.Snapshots;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.topology.Credentials;
import io.squall.topology.DebugOptions;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.LogConfig;
import io.squall.topology.LogLevel;
import io.squall.topology.LogLevelAction;
import io.squall.topology.Nimbus;
import io.squall.topology.NimbusSummary;
import io.squall.topology.NotAliveException;
import io.squall.topology.SettableBlobMeta;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyInitialStatus;
import io.squall.utils.NimbusClient;
import io.squall.utils.VersionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZooKeeper, two Nimbus daemons (leader and standby) and two supervisors as separate processes on loopback,
 * shared by the tests of this class. The tests run in any order: each submits its own topology, and after
 * each one every topology is killed and every daemon a test killed or froze is running again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
@ExtendWith(ClusterEvidence.class)
class ClusterIT {
    private static final Duration LONG = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterLauncher cluster;
    private Path base;
    private Path jar;
    private int nimbusPort;
    private int standbyPort;
    private Daemon zookeeper;
    private Daemon nimbus;
    private Daemon standby;
    private Daemon supervisor1;
    private Daemon supervisor2;
    private int[] sup1Ports;
    private int[] sup2Ports;
    private ClusterState state;
    private NimbusClient client;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = ClusterLauncher.create("cluster-it");
        base = cluster.base();
        jar = TopologyJar.ofPackage(Path.of("target", "test-classes"), RecordingWordCount.class.getPackageName(),
                base.resolve("topology.jar"));
        nimbusPort = ClusterLauncher.freePort();
        standbyPort = ClusterLauncher.freePort();
        sup1Ports = new int[] {ClusterLauncher.freePort(), ClusterLauncher.freePort()};
        sup2Ports = new int[] {ClusterLauncher.freePort(), ClusterLauncher.freePort()};
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\", \"127.0.0.1:" + standbyPort + "\"]")
                .conf("nimbus.supervisor.timeout.secs=8").conf("supervisor.localizer.update.blob.interval.secs=1");
        zookeeper = cluster.startZookeeper();
        state = ClusterState.connect(DaemonConfig.load(null, cluster.conf()));
        // The leader and the first supervisor also report their own metrics to CSV files, each in its directory.
        // The leader also has a secret of its own, which remoteconfvalue must not get from it.
        List<String> nimbusConf = new ArrayList<>(csvMetrics("nimbus"));
        nimbusConf.add("squall.test.api.token=hunter2");
        nimbus = cluster.startDaemon("nimbus", List.of(), nimbusConf, "nimbus", "-c", "nimbus.port=" + nimbusPort);
        // The first supervisor also runs the health check scripts of a directory of its own, every second.
        List<String> sup1Conf = new ArrayList<>(csvMetrics("supervisor1"));
        sup1Conf.add("storm.health.check.dir=" + Files.createDirectories(base.resolve("health1")));
        sup1Conf.add("supervisor.health.check.interval.secs=1");
        supervisor1 = cluster.startDaemon("supervisor1", List.of(), sup1Conf, "supervisor", "-c",
                "supervisor.slots.ports=" + Arrays.toString(sup1Ports));
        supervisor2 = cluster.startSupervisor("supervisor2", sup2Ports);
        client = NimbusClient.of(DaemonConfig.load(null, cluster.conf()));
        Await.until(LONG, () -> state.supervisors().size() == 2 && isLeader(client), () -> "two supervisors and a "
                + "leader Nimbus");
    }

    /** Settings that make a daemon report its own metrics to CSV files in {@code csv-NAME}, every second. */
    private List<String> csvMetrics(String name) {
        return List.of("storm.daemon.metrics.reporter.plugins=[\"io.squall.daemon.metrics.reporters"
                        + ".CsvPreparableReporter\", \"io.squall.daemon.metrics.reporters.JmxPreparableReporter\"]",
                "storm.daemon.metrics.reporter.interval.secs=1",
                "storm.daemon.metrics.reporter.csv.log.dir=" + base.resolve("csv-" + name));
    }

    /** The last value a daemon's CSV reporter wrote for {@code metric} (column 1: a gauge's value, a meter's count). */
    private long lastCsvValue(String daemon, String metric) {
        try {
            List<String> lines = Files.readAllLines(base.resolve("csv-" + daemon).resolve(metric + ".csv"));
            return lines.size() < 2 ? Long.MIN_VALUE : Long.parseLong(lines.get(lines.size() - 1).split(",")[1]);
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Kills every topology and brings back every daemon, so that the next test starts on a whole cluster. */
    @AfterEach
    void restoreCluster() throws Exception {
        for (Daemon d : new Daemon[] {zookeeper, nimbus, supervisor1, supervisor2}) {
            if (!d.isAlive()) {
                d.restart();
            }
        }
        Await.until(LONG, () -> isLeader(client) && state.supervisors().size() == 2,
                () -> "a leader Nimbus and two supervisors again");
        for (Map<String, Object> t : client.listTopologies()) {
            if (!"KILLED".equals(t.get("status"))) {
                client.killTopology((String) t.get("name"), 0);
            }
        }
        Await.until(LONG, () -> state.assignments().isEmpty() && cluster.workerPids().isEmpty(),
                () -> "every topology gone: " + state.assignments() + ", workers " + cluster.workerPids());
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
    void theHttpApiAnswersBadInputWithClearClientErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String api = "http://127.0.0.1:" + nimbusPort + "/api/v1/";
        HttpResponse<String> badJson = http.send(HttpRequest.newBuilder(URI.create(api + "topologies"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badJson.statusCode());
        assertTrue(badJson.body().contains("not valid JSON"), badJson.body());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(api + "topologies/nope")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("No topology named 'nope'"), unknown.body());
        HttpResponse<String> noJar = http.send(HttpRequest.newBuilder(URI.create(api + "topologies"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"jar\":\"missing\",\"topology\":\"AA==\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noJar.statusCode());
        assertTrue(noJar.body().contains("No uploaded JAR"), noJar.body());
        HttpResponse<String> notAJar = http.send(HttpRequest.newBuilder(URI.create(api + "jars"))
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notAJar.statusCode());
        HttpResponse<String> badWait = http.send(HttpRequest.newBuilder(URI.create(api + "topologies/nope/kill?wait=x"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badWait.statusCode());
        assertThrows(NotAliveException.class, () -> client.killTopology("nope", 0));
        metricsEndpointRefusesBadInput(http, api);
        assertTrue(isLeader(client), "Nimbus still serves after bad requests");
    }

    @Test
    void countsWordsExactlyAcrossTwoWorkersSubmittedWithTheJarCommand() throws Exception {
        Path dir = Files.createDirectories(base.resolve("wc"));
        int total = 2000;
        // Storm's --jars: a JAR shipped beside the topology's reaches its workers' classpath.
        Path extra = base.resolve("extra.jar");
        try (java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(Files.newOutputStream(extra))) {
            j.putNextEntry(new java.util.zip.ZipEntry("extra/marker.txt"));
            j.write("shipped with --jars".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Process submit = cluster.cli("submit", "jar", jar.toString(), RecordingWordCount.class.getName(), "wc",
                dir.toString(), String.valueOf(total), "2", "0", "60", "--jars", extra.toString());
        assertEquals(0, submit.waitFor(), () -> "bin/squall jar failed: " + log("submit"));
        Process list = cluster.cli("list", "list");
        assertEquals(0, list.waitFor());
        assertTrue(log("list").contains("wc "), log("list"));
        assertTrue(log("list").contains("Topology_name        Status     Num_tasks  Num_workers  Uptime_secs"),
                "Storm's columns, for scripts written for storm list: " + log("list"));
        Assignment a = state.assignment(topologyId("wc"));
        assertEquals(2, a.workers().size());
        assertNotEquals(a.workers().get(0).supervisorId(), a.workers().get(1).supervisorId(),
                "the even scheduler spreads the two workers over both supervisors");

        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            for (String w : RecordingWordCount.SENTENCES[i % RecordingWordCount.SENTENCES.length].split(" ")) {
                expected.merge(w, 1L, Long::sum);
            }
        }
        assertEquals(expected, countedWords(dir));
        Set<String> countingProcesses = new HashSet<>();
        for (String f : files(dir, "words-")) {
            countingProcesses.add(f.substring(f.lastIndexOf('-') + 1));
        }
        assertEquals(2, countingProcesses.size(), "words were counted in both workers");
        List<String> markers = files(dir, "marker-");
        assertEquals(4, markers.size(), "each counter task found the shipped resource: " + markers);
        for (String m : markers) {
            assertEquals("shipped with --jars", Files.readString(dir.resolve(m)).trim());
        }
        nimbusAggregatesTheWorkersMetricsExactly("wc", total, expected.values().stream().mapToLong(Long::longValue)
                .sum());
        theUiServesTheClusterFromNimbus("wc", total);
    }

    @Test
    void aWorkerKilledWithSigkillIsRestartedAndEveryMessageIsAcked() throws Exception {
        Path dir = Files.createDirectories(base.resolve("rel"));
        int total = 3000;
        Map<String, Object> conf = new HashMap<>(RecordingWordCount.conf(2, 8));
        conf.put("topology.metrics.reporters", List.of("csv"));
        conf.put("topology.metrics.csv.dir", base.resolve("csv").toString());
        conf.put("topology.metrics.report.interval.secs", 1);
        client.submitTopology("rel", jar, conf, RecordingWordCount.topology(dir.toString(), total, 2000, true));
        Await.until(LONG, () -> ackedIds(dir).size() >= 200, () -> "the first acks");
        Await.until(LONG, () -> splitErrors("rel").contains("the first sentence fails on purpose"),
                () -> "split's error reported to Nimbus: " + splitErrors("rel"));
        Set<Long> before = cluster.workerPids();
        assertEquals(2, before.size());
        for (WorkerSlot w : state.assignment(topologyId("rel")).workers()) {
            try (Socket s = new Socket("127.0.0.1", w.port())) {
                s.getOutputStream().write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "the worker closes a connection sending garbage");
            }
        }
        assertEquals(before, cluster.workerPids(), "the workers live through malformed frames");
        assertTrue(cluster.workerLogs().contains("connections closed for bad input so far"));
        for (WorkerSlot w : state.assignment(topologyId("rel")).workers()) {
            Path csv = base.resolve("csv").resolve("rel-" + w.port());
            Await.until(LONG, () -> Files.isDirectory(csv) && !files(csv, "").isEmpty(),
                    () -> "the CSV metrics reporter of worker " + w.name() + " writes to " + csv);
        }
        long victim = before.iterator().next();
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        Await.until(LONG, () -> {
            Set<Long> now = cluster.workerPids();
            return now.size() == 2 && !now.contains(victim);
        }, () -> "a new worker in place of " + victim + ": " + cluster.workerPids());
        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");
    }

    @Test
    void aTopologySubmittedInactiveByStormsSubmitterRunsOnceActivatedWithItsOwnWorkerOptions() throws Exception {
        Path dir = Files.createDirectories(base.resolve("own-opts"));
        Map<String, Object> conf = new HashMap<>(RecordingWordCount.conf(2, 8));
        conf.put("topology.worker.childopts", "-Dsquall.test.worker=%TOPOLOGY-ID%:%WORKER-PORT% -Xmx200m");
        conf.put("topology.worker.gc.childopts", List.of("-XX:SoftRefLRUPolicyMSPerMB=7"));
        conf.put("topology.environment", Map.of("SQUALL_TEST_ENV", "from-the-topology"));
        // Through Storm's submitter, inactive, with credentials, the JAR's upload told to a listener; then activated.
        List<String> upload = new java.util.concurrent.CopyOnWriteArrayList<>();
        SquallSubmitter.setClusterOverride(new SquallSubmitter.Remote(DaemonConfig.load(null, cluster.conf()), jar));
        SubmitOptions opts = new SubmitOptions(TopologyInitialStatus.INACTIVE);
        opts.set_creds(new Credentials(Map.of("token", "first")));
        try {
            SquallSubmitter.submitTopology("own-opts", conf, RecordingWordCount.topology(dir.toString(), 100, 2000,
                    false), opts, new SquallSubmitter.ProgressListener() {
                        @Override
                        public void onStart(String srcFile, String targetFile, long totalBytes) {
                            upload.add("start " + totalBytes);
                        }

                        @Override
                        public void onProgress(String srcFile, String targetFile, long bytesUploaded, long total) {
                            upload.add("progress " + bytesUploaded);
                        }

                        @Override
                        public void onCompleted(String srcFile, String targetFile, long totalBytes) {
                            upload.add("completed " + totalBytes);
                        }
                    });
        } finally {
            SquallSubmitter.setClusterOverride(null);
        }
        long size = Files.size(jar);
        assertEquals(List.of("start " + size, "progress " + size, "completed " + size), upload);
        assertEquals("INACTIVE", client.getTopology("own-opts").get("status"));
        client.activate("own-opts");
        Await.until(LONG, () -> ackedIds(dir).size() == 100, () -> ackedIds(dir).size() + " of 100 acked");
        // Each of the 4 counters was told the submitted credentials before it opened, then the pushed ones.
        assertEquals(4, credentialsTold(dir, "{token=first}"), "the submitted credentials");
        assertEquals(0, cluster.cli("upload-creds", "upload-credentials", "own-opts", "token", "second").waitFor(),
                () -> log("upload-creds"));
        Await.until(LONG, () -> credentialsTold(dir, "{token=second}") == 4,
                () -> credentialsTold(dir, "{token=second}") + " of 4 counters told the pushed credentials");
        assertEquals(1, cluster.cli("upload-creds-owner", "upload-credentials", "own-opts", "-u", "mallory", "token",
                "third").waitFor());
        assertTrue(log("upload-creds-owner").contains("not 'mallory'"), log("upload-creds-owner"));
        String id = topologyId("own-opts");
        Map<String, Long> pids = workerPidsBySlot(state.assignment(id));
        assertEquals(2, pids.size(), "a beat per worker: " + pids);
        for (WorkerSlot w : state.assignment(id).workers()) {
            long pid = pids.get(w.name());
            List<String> cmd = List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            assertTrue(cmd.contains("-Dsquall.test.worker=" + id + ":" + w.port()), "substituted options: " + cmd);
            assertTrue(cmd.contains("-XX:SoftRefLRUPolicyMSPerMB=7"), "the GC options: " + cmd);
            String lastXmx = cmd.stream().filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b).orElse("");
            assertEquals("-Xmx200m", lastXmx, "the topology's -Xmx comes after the supervisor's: " + cmd);
            String env = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ")), StandardCharsets.UTF_8);
            assertTrue(List.of(env.split("\0")).contains("SQUALL_TEST_ENV=from-the-topology"),
                    "the topology's environment in worker " + pid);
        }
    }

    @Test
    void stormsClientUploadsAJarInChunksSubmitsItAndAsksItsWorkersForProfilingActions() throws Exception {
        Path dir = Files.createDirectories(base.resolve("chunks"));
        Nimbus.Iface storm = client.getClient();
        IllegalArgumentException noUpload = assertThrows(IllegalArgumentException.class, () -> storm.uploadChunk(
                "00000000-0000-0000-0000-000000000000", java.nio.ByteBuffer.wrap(new byte[] {1})));
        assertTrue(noUpload.getMessage().contains("No upload is open"), noUpload.getMessage());
        // Storm's client sequence: begin, the JAR in 64 KB chunks, finish; then the submission names the upload.
        String location = storm.beginFileUpload();
        byte[] bytes = Files.readAllBytes(jar);
        for (int off = 0; off < bytes.length; off += 65_536) {
            storm.uploadChunk(location, java.nio.ByteBuffer.wrap(bytes, off, Math.min(65_536, bytes.length - off)));
        }
        String jsonConf = JSON.writeValueAsString(RecordingWordCount.conf(2, 30));
        io.squall.topology.StormTopology topology = RecordingWordCount.topology(dir.toString(), 100, 2000, false);
        InvalidTopologyException unfinished = assertThrows(InvalidTopologyException.class,
                () -> storm.submitTopology("chunks", location, jsonConf, topology));
        assertTrue(unfinished.getMessage().contains("is not finished"), unfinished.getMessage());
        storm.finishFileUpload(location);
        storm.submitTopology("chunks", location, jsonConf, topology);
        Await.until(LONG, () -> ackedIds(dir).size() == 100, () -> ackedIds(dir).size() + " of 100 acked");

        String id = topologyId("chunks");
        WorkerSlot w = state.assignment(id).workers().get(0);
        io.squall.topology.NodeInfo node = new io.squall.topology.NodeInfo(w.host(), Set.of((long) w.port()));
        String component = client.getComponents("chunks").stream().filter(c -> ((List<?>) c.get("executors"))
                .stream().anyMatch(e -> ((Map<?, ?>) e).get("port").equals(w.port()))).map(c -> (String) c.get("id"))
                .findFirst().orElseThrow();
        // A thread dump, written beside the worker's log.
        io.squall.topology.ProfileRequest jstack = new io.squall.topology.ProfileRequest(node,
                io.squall.topology.ProfileAction.JSTACK_DUMP);
        jstack.set_time_stamp(System.currentTimeMillis());
        storm.setWorkerProfiler(id, jstack);
        String dumpPrefix = "worker-" + id + "-" + w.port() + ".log.jstack-";
        Await.until(Duration.ofSeconds(30), () -> hasLogFile(dumpPrefix),
                () -> "a thread dump " + dumpPrefix + "* in the supervisors' logs");
        // A recording until a time 5 minutes away is pending (Storm UI's active profilers) until it is stopped.
        long until = System.currentTimeMillis() + 300_000;
        io.squall.topology.ProfileRequest record = new io.squall.topology.ProfileRequest(node,
                io.squall.topology.ProfileAction.JPROFILE_STOP);
        record.set_time_stamp(until);
        storm.setWorkerProfiler(id, record);
        List<io.squall.topology.ProfileRequest> active = storm.getComponentPendingProfileActions(id, component,
                io.squall.topology.ProfileAction.JPROFILE_STOP);
        assertEquals(1, active.size(), active::toString);
        assertEquals(node, active.get(0).get_nodeInfo());
        assertTrue(active.get(0).get_time_stamp() >= until && active.get(0).get_time_stamp() < until + 60_000,
                active::toString);
        io.squall.topology.ProfileRequest stop = new io.squall.topology.ProfileRequest(node,
                io.squall.topology.ProfileAction.JPROFILE_STOP);
        stop.set_time_stamp(0);
        storm.setWorkerProfiler(id, stop);
        assertEquals(List.of(), storm.getComponentPendingProfileActions(id, component,
                io.squall.topology.ProfileAction.JPROFILE_STOP));
        IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class, () -> storm.setWorkerProfiler(
                id, new io.squall.topology.ProfileRequest(new io.squall.topology.NodeInfo("nohost", Set.of(1L)),
                        io.squall.topology.ProfileAction.JSTACK_DUMP)));
        assertTrue(nowhere.getMessage().contains("has no worker 'nohost:1'"), nowhere.getMessage());

        // The supervisor's page lists this topology's worker on it.
        io.squall.topology.SupervisorPageInfo page = storm.getSupervisorPageInfo(w.supervisorId(), null, false);
        assertEquals(List.of(w.port()), page.get_worker_summaries().stream()
                .filter(s -> s.get_topology_name().equals("chunks")).map(s -> s.get_port()).toList(), page::toString);

        // Storm's topology history lists it while it runs and after it is removed.
        assertTrue(storm.getTopologyHistory(null).get_topo_ids().contains(id));
        client.killTopology("chunks", 0);
        Await.until(LONG, () -> state.topology(id) == null, () -> "chunks removed");
        assertTrue(storm.getTopologyHistory(null).get_topo_ids().contains(id), "after its removal");
    }

    /** How many counters' credential records (in {@code dir}) hold a line equal to {@code line}. */
    private static long credentialsTold(Path dir, String line) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("creds-")).filter(f -> {
                try {
                    return Files.readAllLines(f).contains(line);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anUnhealthyNodesSupervisorStopsItsWorkersAndExitsAndNimbusMovesThem() throws Exception {
        Path dir = Files.createDirectories(base.resolve("unhealthy"));
        int total = 2000;
        client.submitTopology("unhealthy", jar, RecordingWordCount.conf(2, 8),
                RecordingWordCount.topology(dir.toString(), total, 2000, false));
        Await.until(LONG, () -> ackedIds(dir).size() >= 100, () -> "the first acks");
        String id = topologyId("unhealthy");
        WorkerSlot onSup1 = state.assignment(id).workers().stream()
                .filter(w -> Arrays.stream(sup1Ports).anyMatch(p -> p == w.port())).findFirst().orElseThrow();
        Await.until(LONG, () -> workerPidsBySlot(state.assignment(id)).containsKey(onSup1.name()),
                () -> "a beat from " + onSup1.name());
        long victim = workerPidsBySlot(state.assignment(id)).get(onSup1.name());

        Path script = base.resolve("health1").resolve("disk-check.sh");
        Files.writeString(script, "#!/bin/sh\necho 'ERROR disk full'\nexit 1\n", StandardCharsets.UTF_8);
        assertTrue(script.toFile().setExecutable(true));
        try {
            Await.until(LONG, () -> !supervisor1.isAlive(), () -> "supervisor1 exits: " + supervisor1.log());
            assertEquals(1, supervisor1.process().exitValue(), supervisor1.log());
            assertTrue(supervisor1.log().contains("disk-check.sh: failed (exit code 1: ERROR disk full)"),
                    supervisor1.log());
            assertTrue(ProcessHandle.of(victim).map(h -> !h.isAlive()).orElse(true),
                    "its worker " + victim + " stopped with it");
            Await.until(LONG, () -> state.assignment(id).workers().stream()
                            .allMatch(w -> Arrays.stream(sup2Ports).anyMatch(p -> p == w.port())),
                    () -> "Nimbus moves the workers to the healthy supervisor: " + state.assignment(id).workers());
            Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total
                    + " acked");
        } finally {
            Files.deleteIfExists(script); // restoreCluster starts supervisor1 again, on a healthy node.
        }
    }

    @Test
    void aWorkerThatStopsHeartbeatingIsReplaced() throws Exception {
        submitMoving("frozen", 2, 1000);
        Set<Long> before = cluster.workerPids();
        long frozen = before.iterator().next();
        ClusterLauncher.signal("STOP", frozen);
        Await.until(LONG, () -> {
            Set<Long> now = cluster.workerPids();
            return now.size() == 2 && !now.contains(frozen);
        }, () -> "a new worker in place of the frozen " + frozen + ": " + cluster.workerPids());
        assertTrue(ProcessHandle.of(frozen).isEmpty() || !ProcessHandle.of(frozen).get().isAlive());
    }

    @Test
    void aRestartedNimbusStillListsTheRunningTopology() throws Exception {
        submitMoving("survivor", 2, 1000);
        Set<Long> workers = cluster.workerPids();
        nimbus.restart();
        Await.until(LONG, () -> isLeader(client), () -> "the restarted Nimbus leads");
        assertTrue(client.listTopologies().stream().anyMatch(t -> t.get("name").equals("survivor")));
        assertEquals(workers, cluster.workerPids(), "the workers kept running");
    }

    @Test
    void aStandbyNimbusTakesOverWhenTheLeaderDies() throws Exception {
        submitMoving("handover", 2, 1000);
        standby = cluster.startNimbus("standby", standbyPort);
        try {
            NimbusClient standbyOnly = new NimbusClient(List.of("127.0.0.1:" + standbyPort));
            Await.until(LONG, () -> isUp(standbyOnly), () -> "the standby answers");
            assertEquals(false, standbyOnly.getClusterInfo().get("isLeader"));
            // Storm's client (it asks the leader): both Nimbuses, the leader's uptime and version known.
            Nimbus.Iface storm = client.getClient();
            Await.until(LONG, () -> storm.getClusterInfo().get_nimbuses_size() == 2,
                    () -> "both Nimbuses listed: " + storm.getClusterInfo().get_nimbuses());
            assertEquals(nimbusPort, storm.getLeader().get_port());
            assertEquals(VersionInfo.getVersion(), storm.getLeader().get_version());
            NimbusSummary other = storm.getClusterInfo().get_nimbuses().stream()
                    .filter(n -> n.get_port() == standbyPort).findFirst().orElseThrow();
            assertFalse(other.is_isLeader());
            assertEquals("127.0.0.1", other.get_host());
            assertTrue(storm.getNimbusConf().contains("\"nimbus.port\":" + nimbusPort), storm.getNimbusConf());
            assertFalse(storm.isTopologyNameAllowed("handover"), "a running topology's name");
            assertTrue(storm.isTopologyNameAllowed("handover-2"));
            assertFalse(storm.isTopologyNameAllowed("hand over"), "Nimbus takes letters, digits, '-' and '_'");
            nimbus.kill9();
            Await.until(LONG, () -> isLeader(standbyOnly), () -> "the standby leads");
            assertEquals(standbyPort, storm.getLeader().get_port());
            assertTrue(client.listTopologies().stream().anyMatch(t -> t.get("name").equals("handover")));
            nimbus.restart();
        } finally {
            standby.kill9();
        }
    }

    @Test
    void aZooKeeperOutageLongerThanTheSessionTimeoutMovesNothingAndRestartsNoWorker() throws Exception {
        String id = submitMoving("outage", 2, 3000);
        Assignment before = state.assignment(id);
        Set<Long> workers = cluster.workerPids();
        Set<String> supervisors = supervisorIds();
        zookeeper.kill9();
        Await.until(LONG, () -> Stream.of(supervisor1, supervisor2, nimbus).allMatch(d -> d.log().contains(
                "ZooKeeper session lost")), () -> "the daemons' ZooKeeper sessions lost");
        zookeeper.restart();
        Await.until(LONG, () -> supervisorIdsOrEmpty().equals(supervisors) && isLeader(client),
                () -> "both supervisors registered again and a leader: " + supervisorIdsOrEmpty());
        Path dir = base.resolve("outage");
        int acked = ackedIds(dir).size();
        Await.until(LONG, () -> ackedIds(dir).size() >= Math.min(3000, acked + 100), () -> "acks go on");
        assertEquals(before, state.assignment(id), "the assignment did not change");
        assertEquals(workers, cluster.workerPids(), "no worker restarted");
        Await.until(LONG, () -> ackedIds(dir).size() == 3000, () -> ackedIds(dir).size() + " of 3000 acked");
    }

    @Test
    void aRestartedSupervisorKeepsItsIdAndAdoptsItsRunningWorkers() throws Exception {
        String id = submitMoving("adopted", 2, 3000);
        Set<String> supervisors = supervisorIds();
        Set<Long> workers = cluster.workerPids();
        Assignment before = state.assignment(id);
        supervisor1.kill9();
        supervisor1.restart();
        Await.until(LONG, () -> supervisor1.log().contains("Adopted worker"), () -> "the restarted supervisor adopts "
                + "its worker: " + supervisor1.log());
        assertEquals(supervisors, supervisorIds(), "the restarted supervisor has its old id");
        assertEquals(before, state.assignment(id));
        assertEquals(workers, cluster.workerPids());
        Path dir = base.resolve("adopted");
        Await.until(LONG, () -> ackedIds(dir).size() == 3000, () -> ackedIds(dir).size() + " of 3000 acked");
    }

    @Test
    void theExecutorsOfADeadSupervisorMoveAloneAndComeBackWhenItDoes() throws Exception {
        int total = 3000;
        String id = submitMoving("moving", 3, total);
        Path dir = base.resolve("moving");
        Set<Integer> onSup2 = new HashSet<>();
        for (int p : sup2Ports) {
            onSup2.add(p);
        }
        Assignment before = state.assignment(id);
        assertEquals(3, before.workers().size());
        assertTrue(before.workers().stream().anyMatch(w -> onSup2.contains(w.port())));
        Map<String, Long> pidsBefore = workerPidsBySlot(before);
        supervisor2.kill9WithChildren();
        Await.until(LONG, () -> {
            Assignment a = state.assignment(id);
            return a != null && a.version() > before.version()
                    && a.workers().stream().noneMatch(w -> onSup2.contains(w.port()));
        }, () -> "moving reassigned to supervisor 1's two slots: " + state.assignment(id));
        Assignment moved = state.assignment(id);
        assertEquals(2, moved.workers().size());
        untouchedWorkersKeptRunning(before, moved, pidsBefore);
        int ackedWhenMoved = ackedIds(dir).size();
        Await.until(LONG, () -> ackedIds(dir).size() >= Math.min(total, ackedWhenMoved + 100),
                () -> "acks go on on one supervisor: " + ackedIds(dir).size() + ", " + ackedWhenMoved + " when moved");

        Map<String, Long> pidsMoved = workerPidsBySlot(moved);
        supervisor2.restart();
        Await.until(LONG, () -> state.assignment(id).workers().size() == 3,
                () -> "moving spread over three workers again: " + state.assignment(id));
        untouchedWorkersKeptRunning(moved, state.assignment(id), pidsMoved);
        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");
    }

    @Test
    void aDashboardTapSamplesAStreamOfEveryWorkerThroughNimbus() throws Exception {
        submitMoving("tapped", 2, 200_000);
        NimbusClusterView view = new NimbusClusterView(client);
        TapKey split = new TapKey("split", "default");
        List<TapFeed.Row> rows = new ArrayList<>();
        long[] last = {0};
        Set<Integer> tasks = new HashSet<>();
        Await.until(LONG, () -> {
            TapFeed.Read r = view.readTap("tapped", split, 5, last[0]);
            last[0] = r.last();
            rows.addAll(r.rows());
            r.rows().forEach(row -> tasks.add(row.task()));
            return tasks.size() == 2 && rows.size() >= 10;
        }, () -> "samples of both split tasks, one in each worker: " + rows);
        Set<String> words = new HashSet<>();
        for (String sentence : RecordingWordCount.SENTENCES) {
            words.addAll(List.of(sentence.split(" ")));
        }
        for (TapFeed.Row row : rows) {
            assertEquals(1, row.values().size(), row::toString);
            assertTrue(words.contains((String) row.values().get(0)), row::toString);
        }
        TapFeed.Read r = view.readTap("tapped", split, 5, last[0]);
        assertTrue(r.seen() > r.sampled() && r.sampled() >= rows.size(), r::toString);

        SquallException bad = assertThrows(SquallException.class,
                () -> view.readTap("tapped", new TapKey("split", "words"), 5, 0));
        assertTrue(bad.getMessage().contains("declares no stream 'words'"), bad.getMessage());
        view.closeTap("tapped", split);
        TapFeed.Read reopened = view.readTap("tapped", split, 5, 0);
        assertEquals(0, reopened.last(), "closing dropped the feed; reading opens a new one");
        view.closeTap("tapped", split);

        // Storm's Debug (event logging) through Nimbus: the split's emits sampled into its workers' events logs.
        String id = topologyId("tapped");
        view.debug("tapped", "split", true, 1);
        Await.until(LONG, () -> eventsLogged(id), () -> "an events log of topology " + id);
        view.debug("tapped", "split", false, 0);
        assertEquals(Map.of("split", new DebugOptions(false, 1)), view.debugOptions("tapped"),
                "Storm's component_debug through Nimbus: stopped, its percentage kept");
    }

    @Test
    @Timeout(300)
    void aBlobMappedByATopologyIsInItsWorkersDirectoryAndItsUpdatesReachThem() throws Exception {
        Path dir = Files.createDirectories(base.resolve("blob"));
        Path v1 = Files.writeString(dir.resolve("v1.txt"), "first version\n");
        Path v2 = Files.writeString(dir.resolve("v2.txt"), "second version\n");
        assertEquals(0, cluster.cli("blob-create", "blobstore", "create", "--file", v1.toString(), "--acl", "o::rwa",
                "words.key").waitFor(), () -> log("blob-create"));
        NimbusBlobStore blobs = new NimbusBlobStore(client);
        KeyAlreadyExistsException again = assertThrows(KeyAlreadyExistsException.class,
                () -> blobs.createBlob("words.key", new SettableBlobMeta()));
        assertTrue(again.getMessage().contains("Blob 'words.key' exists already"), again.getMessage());
        assertEquals(List.of("words.key"), client.listBlobs());
        assertEquals(1, blobs.getBlobMeta("words.key").get_version());
        assertEquals("[o::rwa]", blobs.getBlobMeta("words.key").get_settable().get_acl().toString());
        InvalidTopologyException unknown = assertThrows(InvalidTopologyException.class, () -> client.submit("blobless",
                jar, BlobReader.conf("no.such.key", "words.txt"), BlobReader.topology(dir.toString(), "words.txt")));
        assertTrue(unknown.getMessage().contains("names the blob 'no.such.key', which is not in the blob store"),
                unknown.getMessage());

        client.submit("blobs", jar, BlobReader.conf("words.key", "words.txt"), BlobReader.topology(dir.toString(),
                "words.txt"));
        // The worker finds the blob as words.txt in its working directory from its start: never "(missing)".
        Await.until(LONG, () -> lines(dir, "seen-").contains("first version"), () -> "the worker read the blob: "
                + lines(dir, "seen-"));
        assertEquals(0, cluster.cli("blob-update", "blobstore", "update", "-f", v2.toString(), "words.key")
                .waitFor(), () -> log("blob-update"));
        assertTrue(log("blob-update").contains("version 2"), log("blob-update"));
        Await.until(LONG, () -> lines(dir, "seen-").contains("second version"), () -> "the update reached the "
                + "running worker: " + lines(dir, "seen-"));
        assertEquals(List.of("first version", "second version"), lines(dir, "seen-"));
        try (InputStreamWithMeta in = blobs.getBlob("words.key")) {
            assertEquals("second version\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(2, in.getVersion());
        }
        blobs.deleteBlob("words.key");
        KeyNotFoundException gone = assertThrows(KeyNotFoundException.class, () -> blobs.getBlob("words.key"));
        assertTrue(gone.getMessage().contains("No blob with key 'words.key'"), gone.getMessage());
    }

    @Test
    void theDaemonsReportStormsClusterMetricsThroughTheirReporterPlugins() throws Exception {
        String id = submitMoving("daemon-metrics", 3, 1000);
        int workers = state.assignment(id).workers().size();
        Await.until(LONG, () -> lastCsvValue("nimbus", "summary.cluster:num-supervisors") == 2
                        && lastCsvValue("nimbus", "summary.cluster:num-total-workers") == 4
                        && lastCsvValue("nimbus", "summary.cluster:num-total-used-workers") == workers
                        && lastCsvValue("nimbus", "summary.cluster:num-topologies") >= 1
                        && lastCsvValue("nimbus", "summary.cluster:num-nimbus-leaders") == 1
                        && lastCsvValue("nimbus", "nimbus:num-submitTopology-calls") >= 1,
                () -> "Nimbus's CSV reporter to show 2 supervisors, 4 slots, " + workers + " used, a topology, a leader "
                        + "and a submission: " + cluster.base().resolve("csv-nimbus"));
        Await.until(LONG, () -> lastCsvValue("supervisor1", "supervisor:num-workers-launched") >= 1
                        && lastCsvValue("supervisor1", "supervisor:num-slots-used-gauge") >= 1,
                () -> "supervisor1's CSV reporter to show the worker it launched");
        client.killTopology("daemon-metrics", 0);
        Await.until(LONG, () -> lastCsvValue("supervisor1", "supervisor:num-workers-killed-assignment-changed") >= 1,
                () -> "supervisor1's CSV reporter to count the worker it stopped when the topology was killed");

        // A reporter that cannot be made refuses to start the daemon, naming the key and the class.
        Daemon bad = cluster.startDaemon("nimbus-bad-reporter", List.of(),
                List.of("storm.daemon.metrics.reporter.plugins=[\"no.such.Reporter\"]"), "nimbus", "-c",
                "nimbus.port=" + ClusterLauncher.freePort());
        assertTrue(bad.process().waitFor(60, TimeUnit.SECONDS), "the daemon exits");
        assertEquals(1, bad.process().exitValue());
        assertTrue(bad.log().contains("storm.daemon.metrics.reporter.plugins: no class no.such.Reporter"), bad.log());
    }

    @Test
    void theMonitorCommandPrintsWhatAComponentEmitsEachInterval() throws Exception {
        submitMoving("monitor", 2, 100_000);
        Process monitor = cluster.cli("monitor", "monitor", "monitor", "-i", "1", "-m", "split");
        try {
            // A line may be read while the CLI is still writing it: only whole lines (seven columns) count.
            Await.until(LONG, () -> log("monitor").lines().filter(l -> l.startsWith("monitor\tsplit\t2\tall\t"))
                            .map(l -> l.split("\t")).filter(f -> f.length == 7)
                            .anyMatch(f -> Long.parseLong(f[5]) > 0),
                    () -> "a line of split's emits over an interval: " + log("monitor"));
            assertTrue(log("monitor").startsWith("topology\tcomponent\tparallelism\tstream\ttime-diff ms\temitted\t"
                    + "throughput (Kt/s)"), log("monitor"));
        } finally {
            monitor.destroy();
            monitor.waitFor();
        }
        assertEquals(2, cluster.cli("monitor-bad", "monitor", "monitor", "-w", "acked").waitFor());
        assertTrue(log("monitor-bad").contains("-w takes emitted or transferred, got 'acked'"), log("monitor-bad"));
        assertEquals(2, cluster.cli("monitor-nope", "monitor", "monitor", "-m", "nope").waitFor());
        assertTrue(log("monitor-nope").contains("has no component 'nope'"), log("monitor-nope"));
    }

    @Test
    void setLogLevelTurnsAWorkersLoggerUpAndPutsItBackWhenItsTimeIsUp() throws Exception {
        String logger = RecordingWordCount.Split.class.getName();
        String id = submitMoving("log-levels", 1, 100_000);
        Path dir = base.resolve("log-levels");
        assertEquals(0, debugLines(id), "DEBUG is off at first");
        assertEquals(0, cluster.cli("set-log-level", "set_log_level", "log-levels", "-l", logger + "=DEBUG:4")
                .waitFor(), () -> log("set-log-level"));
        assertTrue(log("set-log-level").contains("Log levels of log-levels: {" + logger + "={"), log("set-log-level"));
        Await.until(LONG, () -> debugLines(id) > 0, () -> "the split's DEBUG lines in the worker's log");
        Await.until(LONG, () -> workerLog(id).contains("Logger " + logger + " is back to its parent's level"),
                () -> "the logger put back after 4 s");
        long after = debugLines(id);
        int acked = ackedIds(dir).size();
        Await.until(LONG, () -> ackedIds(dir).size() >= acked + 200, () -> "more sentences after the reset");
        assertEquals(after, debugLines(id), "no DEBUG line once the level is back");

        assertEquals(1, cluster.cli("set-log-level-bad", "set_log_level", "log-levels", "-l", logger + "=LOUD")
                .waitFor());
        assertTrue(log("set-log-level-bad").contains("LEVEL one of"), log("set-log-level-bad"));
        assertEquals(2, cluster.cli("set-log-level-none", "set_log_level", "log-levels").waitFor());

        // The same through Storm's client: setLogConfig, then getLogConfig shows it until it is removed.
        Nimbus.Iface storm = client.getClient();
        LogLevel debug = new LogLevel(LogLevelAction.UPDATE);
        debug.set_target_log_level("DEBUG");
        debug.set_reset_log_level_timeout_secs(600);
        LogConfig set = new LogConfig();
        set.put_to_named_logger_level(logger, debug);
        storm.setLogConfig(id, set);
        LogLevel shown = storm.getLogConfig("log-levels").get_named_logger_level().get(logger);
        assertEquals("DEBUG", shown.get_target_log_level());
        assertTrue(shown.get_reset_log_level_timeout_epoch() > System.currentTimeMillis());
        Await.until(LONG, () -> debugLines(id) > after, () -> "DEBUG lines again after setLogConfig");
        LogConfig remove = new LogConfig();
        remove.put_to_named_logger_level(logger, new LogLevel(LogLevelAction.REMOVE));
        storm.setLogConfig("log-levels", remove);
        assertEquals(0, storm.getLogConfig("log-levels").get_named_logger_level_size());
        assertThrows(IllegalArgumentException.class, () -> storm.setLogConfig("log-levels", badLevel(logger)));
    }

    private static LogConfig badLevel(String logger) {
        LogLevel loud = new LogLevel(LogLevelAction.UPDATE);
        loud.set_target_log_level("LOUD");
        LogConfig config = new LogConfig();
        config.put_to_named_logger_level(logger, loud);
        return config;
    }

    /** Whether a worker of the topology wrote the split's sampled tuples to its events log. */
    private boolean eventsLogged(String topologyId) {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("worker-" + topologyId + "-")
                    && f.getFileName().toString().endsWith(".events.log")).toList()) {
                if (Files.readString(f).contains(",split,")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the supervisors' log directory has a file, not empty, whose name starts with {@code prefix}. */
    private boolean hasLogFile(String prefix) {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.toFile().length() > 0);
        } catch (IOException e) {
            return false;
        }
    }

    private String workerLog(String topologyId) {
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("worker-" + topologyId)
                    && !io.squall.daemon.logviewer.LogFiles.isDump(f.getFileName().toString())
                    && !f.getFileName().toString().endsWith(".events.log")).toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private long debugLines(String topologyId) {
        return workerLog(topologyId).lines().filter(l -> l.contains(" DEBUG ") && l.contains("splitting '")).count();
    }

    @Test
    void killWorkersKillsThisSupervisorsWorkersWhichItRestartsWhileHeartbeatsAndRemoteconfvalueReadTheCluster()
            throws Exception {
        String id = submitMoving("kw", 2, 100_000);
        Path dir = base.resolve("kw");
        String sup1 = Files.readString(base.resolve("local").resolve("supervisor-" + sup1Ports[0])
                .resolve("supervisor.id")).trim();
        Assignment a = state.assignment(id);
        WorkerSlot mine = a.workers().stream().filter(w -> w.supervisorId().equals(sup1)).findFirst()
                .orElseThrow(() -> new AssertionError("the even scheduler put a worker on supervisor1: " + a));
        WorkerSlot theirs = a.workers().stream().filter(w -> !w.supervisorId().equals(sup1)).findFirst()
                .orElseThrow();

        // heartbeats: the topology, its two workers, and the beat of one, whose pid is that worker's.
        assertEquals(0, cluster.cli("hb-topologies", "heartbeats", "list", "/workerbeats").waitFor(),
                () -> log("hb-topologies"));
        assertTrue(log("hb-topologies").lines().anyMatch(id::equals), log("hb-topologies"));
        assertEquals(0, cluster.cli("hb-workers", "heartbeats", "list", "/workerbeats/" + id).waitFor(),
                () -> log("hb-workers"));
        assertEquals(Set.of(mine.supervisorId() + "-" + mine.port(), theirs.supervisorId() + "-" + theirs.port()),
                Set.copyOf(log("hb-workers").lines().filter(l -> l.matches("[0-9a-f-]{36}-\\d+")).toList()), log("hb-workers"));
        assertEquals(0, cluster.cli("hb-get", "heartbeats", "get", "/workerbeats/" + id + "/" + mine.supervisorId()
                + "-" + mine.port()).waitFor(), () -> log("hb-get"));
        JsonNode beat = JSON.readTree(log("hb-get").substring(log("hb-get").indexOf('{')));
        long victim = beat.get("pid").asLong();
        assertEquals(mine.port(), beat.get("port").asInt());
        assertEquals(id, beat.get("topologyId").asText());
        assertTrue(cluster.workerPids().contains(victim), beat + " names a live worker: " + cluster.workerPids());
        assertEquals(1, cluster.cli("hb-none", "heartbeats", "get", "/workerbeats/nope-1-1").waitFor());
        assertTrue(log("hb-none").contains("no heartbeat node /workerbeats/nope-1-1 in ZooKeeper"), log("hb-none"));
        assertEquals(2, cluster.cli("hb-bad", "heartbeats", "list", "/topologies").waitFor());

        // kill_workers on supervisor1's "machine" (its storm.local.dir and ports): only its worker goes, and comes back.
        long survivor = state.workerBeat(id, theirs.supervisorId(), theirs.port()).pid();
        assertEquals(0, cluster.cli("kill-workers", "kill_workers", "-c", "supervisor.slots.ports="
                + Arrays.toString(sup1Ports)).waitFor(), () -> log("kill-workers"));
        assertTrue(log("kill-workers").contains("Worker " + id + " on port " + mine.port() + " (pid " + victim + ")"),
                log("kill-workers"));
        Await.until(LONG, () -> {
            WorkerBeat b = state.workerBeat(id, mine.supervisorId(), mine.port());
            return !cluster.workerPids().contains(victim) && b != null && b.pid() != victim
                    && cluster.workerPids().contains(b.pid());
        }, () -> "supervisor1 starts a new worker on port " + mine.port() + " in place of " + victim + ": "
                + cluster.workerPids());
        assertTrue(cluster.workerPids().contains(survivor), "supervisor2's worker was not touched");
        int acked = ackedIds(dir).size();
        Await.until(LONG, () -> ackedIds(dir).size() >= acked + 200, () -> "kw still acks after the restart: "
                + ackedIds(dir).size());
        assertEquals(1, cluster.cli("kill-workers-none", "kill_workers", "-c", "supervisor.slots.ports=[1]")
                .waitFor());
        assertTrue(log("kill-workers-none").contains("no supervisor state on this machine"), log("kill-workers-none"));

        // remoteconfvalue: Nimbus's own values, never a secret.
        assertEquals(0, cluster.cli("remoteconf", "remoteconfvalue", "nimbus.monitor.freq.ms").waitFor(),
                () -> log("remoteconf"));
        assertTrue(log("remoteconf").lines().anyMatch("nimbus.monitor.freq.ms: 500"::equals), log("remoteconf"));
        assertEquals(0, cluster.cli("remoteconf-port", "remoteconfvalue", "nimbus.port").waitFor());
        assertTrue(log("remoteconf-port").lines().anyMatch(("nimbus.port: " + nimbusPort)::equals),
                "the leader's own -c nimbus.port: " + log("remoteconf-port"));
        assertEquals(1, cluster.cli("remoteconf-secret", "remoteconfvalue", "squall.test.api.token").waitFor());
        assertTrue(log("remoteconf-secret").contains("Nimbus does not serve 'squall.test.api.token'"),
                log("remoteconf-secret"));
        HttpResponse<String> served = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + nimbusPort
                + "/api/v1/conf");
        assertEquals(200, served.statusCode());
        assertTrue(JSON.readTree(served.body()).get("withheld").toString().contains("\"squall.test.api.token\"")
                && !served.body().contains("hunter2"), served.body());
    }

    @Test
    void theCliDeactivatesActivatesRebalancesAndKills() throws Exception {
        String id = submitMoving("cli", 3, 1000);
        assertEquals(0, cluster.cli("deactivate", "deactivate", "cli").waitFor(), () -> log("deactivate"));
        assertEquals("INACTIVE", client.getTopology("cli").get("status"));
        assertEquals(0, cluster.cli("activate", "activate", "cli").waitFor(), () -> log("activate"));
        assertEquals("ACTIVE", client.getTopology("cli").get("status"));
        // More workers than the cluster has slots: the answer, list and the dashboard say how many it got.
        assertEquals(0, cluster.cli("rebalance-many", "rebalance", "cli", "-w", "0", "-n", "10").waitFor(),
                () -> log("rebalance-many"));
        int got = state.assignment(id).workers().size();
        assertTrue(log("rebalance-many").contains("it runs on " + got + " of the 10 workers asked for"),
                log("rebalance-many"));
        assertEquals(10, ((Number) client.getTopology("cli").get("workersRequested")).intValue());
        assertEquals(0, cluster.cli("list-short", "list").waitFor(), () -> log("list-short"));
        assertTrue(log("list-short").contains("cli runs on " + got + "/10 workers"), log("list-short"));
        // As Storm's: REBALANCING for the wait (spouts deactivated, other status changes refused), then the new
        // assignment and the status from before.
        long version = state.assignment(id).version();
        assertEquals(0, cluster.cli("rebalance", "rebalance", "cli", "-w", "3", "-n", "1", "-e", "count=2").waitFor(),
                () -> log("rebalance"));
        assertTrue(log("rebalance").contains("Rebalancing topology cli in 3 s"), log("rebalance"));
        assertEquals("REBALANCING", client.getTopology("cli").get("status"));
        assertEquals(version, state.assignment(id).version(), "reassigned before the wait is over");
        Process refused = cluster.cli("deactivate-rebalancing", "deactivate", "cli");
        assertEquals(1, refused.waitFor());
        assertTrue(log("deactivate-rebalancing").contains("while it is being rebalanced"),
                log("deactivate-rebalancing"));
        Await.until(LONG, () -> state.assignment(id).version() > version, () -> "the rebalance after its wait");
        Await.until(LONG, () -> "ACTIVE".equals(statusOf("cli")), () -> "active again");
        Assignment a = state.assignment(id);
        assertEquals(1, a.workers().size());
        Await.until(LONG, () -> cluster.workerPids().size() == 1, () -> "one worker after the rebalance: "
                + cluster.workerPids());
        Process badRebalance = cluster.cli("rebalance-bad", "rebalance", "cli", "-e", "count=9");
        assertEquals(1, badRebalance.waitFor());
        assertTrue(log("rebalance-bad").contains("can run on 1 to 4 executors, not 9"), log("rebalance-bad"));
        // Without -w the wait is the topology's message timeout (8 s here), as Storm's.
        assertEquals(0, cluster.cli("kill", "kill", "cli").waitFor(), () -> log("kill"));
        assertTrue(log("kill").contains("Killed topology cli (workers stop in 8s)"), log("kill"));
        assertEquals("KILLED", client.getTopology("cli").get("status"));
        // A killed topology may be killed again with a shorter wait (the suite need not wait the 8 s).
        assertEquals(0, cluster.cli("kill-now", "kill", "cli", "-w", "0").waitFor(), () -> log("kill-now"));
        Await.until(LONG, () -> state.assignments().isEmpty() && cluster.workerPids().isEmpty(), () -> "cli stopped");
        Process unknown = cluster.cli("kill-unknown", "kill", "cli");
        assertEquals(1, unknown.waitFor());
        assertTrue(log("kill-unknown").contains("No topology named 'cli'"), log("kill-unknown"));
    }

    @Test
    void noFreeSlotIsItsOwnAnswerSayingHowManySlotsWereAskedAndAreFree() throws Exception {
        // The assignment is written at submit: no need to wait for the four workers to start.
        client.submitTopology("greedy", jar, RecordingWordCount.conf(4, 8),
                RecordingWordCount.topology(Files.createDirectories(base.resolve("greedy")).toString(), 1000, 2000,
                        false));
        assertEquals(4, state.assignment(topologyId("greedy")).workers().size(), "every slot taken");
        Map<String, Object> status = client.getTopology("greedy");
        assertEquals(4, ((Number) status.get("workersRequested")).intValue());
        RuntimeException refused = assertThrows(RuntimeException.class, () -> client.submitTopology("more", jar,
                RecordingWordCount.conf(2, 8), RecordingWordCount.topology(base.resolve("more").toString(), 10, 1000,
                        false)));
        assertTrue(refused.getMessage().contains("asks for 2 slots, 0 are free"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("No leader Nimbus"), refused.getMessage());
    }

    /** A topology's status as Nimbus reports it. */
    private String statusOf(String name) {
        try {
            return String.valueOf(client.getTopology(name).get("status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits a reliable word count over {@code workers} workers and waits for its first acks; its id. */
    private String submitMoving(String name, int workers, int total) throws Exception {
        Path dir = Files.createDirectories(base.resolve(name));
        client.submitTopology(name, jar, RecordingWordCount.conf(workers, 8),
                RecordingWordCount.topology(dir.toString(), total, 2000, false));
        Await.until(LONG, () -> ackedIds(dir).size() >= Math.min(total, 200), () -> "the first acks of " + name);
        String id = topologyId(name);
        Await.until(LONG, () -> cluster.workerPids().size() == state.assignment(id).workers().size(),
                () -> "a process per worker of " + name);
        return id;
    }

    /** The pid of each worker of an assignment, by its name, from the workers' heartbeats. */
    private Map<String, Long> workerPidsBySlot(Assignment a) {
        Map<String, Long> pids = new HashMap<>();
        for (WorkerSlot w : a.workers()) {
            WorkerBeat beat = state.workerBeat(a.topologyId(), w.supervisorId(), w.port());
            if (beat != null) {
                pids.put(w.name(), beat.pid());
            }
        }
        return pids;
    }

    /** Every worker with the same groups on the same slot in both assignments still runs the same process. */
    private void untouchedWorkersKeptRunning(Assignment before, Assignment after, Map<String, Long> pidsBefore) {
        int untouched = 0;
        for (WorkerSlot w : after.workers()) {
            WorkerSlot old = before.slot(w.supervisorId(), w.port());
            if (old != null && old.groups().equals(w.groups())) {
                untouched++;
                Long pid = pidsBefore.get(w.name());
                assertTrue(pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "the untouched worker " + w.name() + " (pid " + pid + ") still runs");
            }
        }
        assertTrue(untouched > 0, "some worker kept its groups: " + before + " -> " + after);
    }

    private Set<String> supervisorIds() {
        Set<String> ids = new HashSet<>();
        for (SupervisorInfo s : state.supervisors()) {
            ids.add(s.id());
        }
        return ids;
    }

    private Set<String> supervisorIdsOrEmpty() {
        try {
            return supervisorIds();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    // --- metrics reported to Nimbus, and the dashboard of a cluster ---

    private void metricsEndpointRefusesBadInput(HttpClient http, String api) throws Exception {
        HttpResponse<String> notJson = post(http, api + "metrics", "{not json");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("not a worker metrics snapshot"), notJson.body());
        HttpResponse<String> noTime = post(http, api + "metrics", "{\"topology\":\"x\"}");
        assertEquals(400, noTime.statusCode());
        assertTrue(noTime.body().contains("at 'snapshot.timeMillis'"), noTime.body());
        Snapshots.Worker ofUnknown = new Snapshots.Worker("nope", "nope-1", "127.0.0.1:1", 1, 1, 0, true, List.of(),
                List.of(), new Snapshots.Backpressure(false, 0, 0, null, List.of()),
                new Snapshots.Jvm(0, 0, 0, 0, 0, 0), List.of(), Map.of());
        ObjectNode unknownField = JSON.valueToTree(ofUnknown);
        unknownField.put("cpu", 1);
        HttpResponse<String> withCpu = post(http, api + "metrics", unknownField.toString());
        assertEquals(400, withCpu.statusCode());
        assertTrue(withCpu.body().contains("cpu"), withCpu.body());
        ObjectNode noJvm = JSON.valueToTree(ofUnknown);
        noJvm.remove("jvm");
        HttpResponse<String> missing = post(http, api + "metrics", noJvm.toString());
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("has no 'snapshot.jvm'"), missing.body());
        HttpResponse<String> unknownTopology = post(http, api + "metrics", JSON.writeValueAsString(ofUnknown));
        assertEquals(404, unknownTopology.statusCode());
        assertTrue(unknownTopology.body().contains("No topology 'nope'"), unknownTopology.body());
        assertEquals(404, get(http, api + "topologies/nope/metrics").statusCode());
        HttpResponse<String> badWindow = get(http, api + "topologies/nope/metrics?window=5m");
        assertEquals(400, badWindow.statusCode());
        assertTrue(badWindow.body().contains("Unknown window '5m'"), badWindow.body());
    }

    /** Every sentence acked once, none failed or replayed: the counters summed over both workers are exact. */
    private void nimbusAggregatesTheWorkersMetricsExactly(String name, int sentences, long words) throws IOException {
        Await.until(LONG, () -> {
            TopologyMetrics m = metricsOrNull(name);
            return m != null && component(m.spouts(), "sentences").acked() == sentences
                    && component(m.bolts(), "count").acked() == words;
        }, () -> "Nimbus's metrics of " + name + " to count " + sentences + " sentences and " + words + " words: "
                + metricsOrNull(name));
        TopologyMetrics all = MetricsClient.topologyMetrics(client, name, "all");
        assertEquals(2, all.workers());
        TopologyMetrics.ComponentMetrics spout = component(all.spouts(), "sentences");
        assertEquals(sentences, spout.emitted());
        assertEquals(sentences, spout.acked());
        assertEquals(0, spout.failed());
        assertEquals(0, spout.timedOut());
        TopologyMetrics.ComponentMetrics split = component(all.bolts(), "split");
        assertEquals(sentences, split.executed());
        assertEquals(words, split.emitted());
        TopologyMetrics.ComponentMetrics count = component(all.bolts(), "count");
        assertEquals(words, count.executed());
        assertEquals(4, count.executors());
        TopologyMetrics tenMinutes = MetricsClient.topologyMetrics(client, name, "10m");
        assertEquals(sentences, component(tenMinutes.spouts(), "sentences").acked());
        assertEquals(words, component(tenMinutes.bolts(), "count").executed());

        List<Snapshots.Worker> snapshots = MetricsClient.snapshots(client, name);
        assertEquals(2, snapshots.size());
        long countedInWorkers = 0;
        for (Snapshots.Worker w : snapshots) {
            long counted = w.components().stream().filter(c -> c.id().equals("count"))
                    .mapToLong(Snapshots.Component::executed).sum();
            assertTrue(counted > 0, () -> w.worker() + " counted no words");
            countedInWorkers += counted;
        }
        assertEquals(words, countedInWorkers, "the count bolt's executions summed over both workers");
    }

    private void theUiServesTheClusterFromNimbus(String name, int sentences) throws Exception {
        int uiPort = freePort();
        Process ui = daemon("ui", "ui", "-c", "ui.port=" + uiPort);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String api = "http://127.0.0.1:" + uiPort + "/api/v1/";
            Await.until(LONG, () -> status(http, api + "cluster/summary") == 200, () -> "bin/squall ui to answer: "
                    + log("ui"));
            JsonNode summary = JSON.readTree(get(http, api + "cluster/summary").body());
            assertEquals("cluster", summary.get("mode").asText());
            assertEquals(2, summary.get("supervisors").asInt());
            assertEquals(4, summary.get("slotsTotal").asInt());
            assertEquals(2, summary.get("slotsUsed").asInt());
            JsonNode supervisors = summary.get("supervisorList");
            assertEquals(2, supervisors.size(), summary::toString);
            int used = 0;
            for (JsonNode s : supervisors) {
                assertEquals(2, s.get("slotsUsed").asInt() + s.get("slotsFree").asInt(), s::toString);
                assertTrue(s.get("uptimeSecs").asLong() >= 0, s::toString);
                used += s.get("slotsUsed").asInt();
            }
            assertEquals(2, used, "each of the topology's two workers holds a slot");
            JsonNode topology = summary.get("topologyList").get(0);
            assertEquals(1, summary.get("topologies").asInt(), summary::toString);
            assertEquals(name, topology.get("name").asText());
            assertEquals("ACTIVE", topology.get("status").asText());
            assertEquals(2, topology.get("workers").asInt());
            assertEquals(1 + 2 + 4, topology.get("executors").asInt());

            HttpResponse<String> page = get(http, api + "topologies/" + name + "?window=all");
            assertEquals(200, page.statusCode(), page.body());
            JsonNode p = JSON.readTree(page.body());
            JsonNode components = p.get("components");
            assertEquals(3, components.size(), components::toString);
            assertEquals("sentences", components.get(0).get("id").asText());
            assertEquals("spout", components.get(0).get("kind").asText());
            JsonNode count = components.get(1);
            assertEquals("count", count.get("id").asText());
            assertEquals(4, count.get("parallelism").asInt());
            assertEquals("split", count.get("inputs").get(0).get("component").asText());
            assertEquals("fields", count.get("inputs").get(0).get("grouping").asText());
            assertEquals(sentences, p.get("metrics").get("spouts").get(0).get("acked").asLong());

            // Storm UI's REST API from Nimbus: the component page lists each executor where it runs.
            JsonNode stormTopologies = JSON.readTree(get(http, api + "topology/summary").body()).get("topologies");
            String id = stormTopologies.get(0).get("id").asText();
            assertEquals(name, stormTopologies.get(0).get("name").asText());
            JsonNode countPage = JSON.readTree(get(http, api + "topology/" + id + "/component/count").body());
            JsonNode executors = countPage.get("executorStats");
            assertEquals(4, executors.size(), countPage::toString);
            for (JsonNode e : executors) {
                assertTrue(e.get("port").asInt() > 0 && !e.get("host").asText().isEmpty(), e::toString);
            }
            String logLink = executors.get(0).path("workerLogLink").asText();
            assertTrue(logLink.contains("/api/v1/log?file=" + java.net.URLEncoder.encode(id + "/",
                    StandardCharsets.UTF_8)), "Storm's name of the worker's log: " + executors.get(0));
            assertEquals(sentences, JSON.readTree(get(http, api + "topology/" + id).body()).get("spouts").get(0)
                    .get("acked").asLong());
            JsonNode nimbuses = JSON.readTree(get(http, api + "nimbus/summary").body()).get("nimbuses");
            assertEquals("Leader", nimbuses.get(0).get("status").asText(), nimbuses::toString);
            assertTrue(nimbuses.get(0).get("port").asInt() > 0, nimbuses::toString);
            JsonNode workers = JSON.readTree(get(http, api + "topology-workers/" + id).body()).get("hostPortList");
            assertEquals(2, workers.size(), workers::toString);
            JsonNode conf = JSON.readTree(get(http, api + "cluster/configuration").body());
            assertTrue(conf.get("nimbus.seeds").isArray() && conf.has("storm.zookeeper.servers"), conf::toString);
            JsonNode history = JSON.readTree(get(http, api + "history/summary").body()).get("topo-history");
            assertTrue(history.toString().contains(id), history::toString);
            // Each supervisor's page lists the topology's worker on it, with its tasks and Storm's log link.
            int onSupervisors = 0;
            for (JsonNode s : JSON.readTree(get(http, api + "supervisor/summary").body()).get("supervisors")) {
                JsonNode sPage = JSON.readTree(get(http, api + "supervisor?id=" + s.get("id").asText()).body());
                for (JsonNode w : sPage.get("workers")) {
                    assertEquals(s.get("id").asText(), w.get("supervisorId").asText(), sPage::toString);
                    assertTrue(w.get("port").asInt() > 0 && w.get("workerLogLink").asText().contains("worker.log"),
                            sPage::toString);
                    onSupervisors += w.get("componentNumTasks").path("count").asInt();
                }
            }
            assertEquals(4, onSupervisors, "the count bolt's tasks over the supervisors' workers");

            // Storm UI's profiling: a thread dump of one worker, which writes it beside its log.
            String worker = workers.get(0).get("host").asText() + ":" + workers.get(0).get("port").asInt();
            JsonNode jstack = JSON.readTree(get(http, api + "topology/" + id + "/profiling/dumpjstack/" + worker)
                    .body());
            assertEquals("ok", jstack.get("status").asText(), jstack::toString);
            String dumpPrefix = "worker-" + id + "-" + workers.get(0).get("port").asInt() + ".log.jstack-";
            Await.until(Duration.ofSeconds(30), () -> hasLogFile(dumpPrefix),
                    () -> "a thread dump " + dumpPrefix + "* in the supervisors' logs");
            HttpResponse<String> nowhere = get(http, api + "topology/" + id + "/profiling/dumpjstack/nohost:1");
            assertEquals(404, nowhere.statusCode(), nowhere.body());
            assertTrue(nowhere.body().contains("has no worker 'nohost:1'"), nowhere.body());
            // A recording started on a worker of the count bolt is listed on its page until it is stopped.
            String counting = executors.get(0).get("host").asText() + ":" + executors.get(0).get("port").asInt();
            assertEquals("ok", JSON.readTree(get(http, api + "topology/" + id + "/profiling/start/" + counting + "/5")
                    .body()).get("status").asText());
            JsonNode recording = JSON.readTree(get(http, api + "topology/" + id + "/component/count").body());
            assertTrue(recording.get("profileActionEnabled").asBoolean(), recording::toString);
            JsonNode active = recording.get("profilerActive");
            assertEquals(1, active.size(), active::toString);
            assertEquals(counting, active.get(0).get("host").asText() + ":" + active.get(0).get("port").asText());
            assertTrue(active.get(0).get("timestamp").asLong() < 0, "ends in the future: " + active);
            get(http, api + "topology/" + id + "/profiling/stop/" + counting);
            assertEquals(0, JSON.readTree(get(http, api + "topology/" + id + "/component/count").body())
                    .get("profilerActive").size());

            HttpResponse<String> unknown = get(http, api + "topologies/nope");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("No topology named 'nope'"), unknown.body());
            HttpResponse<String> badRebalance = post(http, api + "topologies/" + name + "/rebalance?executors=count=9",
                    "");
            assertEquals(400, badRebalance.statusCode());
            assertTrue(badRebalance.body().contains("1 to 4 executors"), badRebalance.body());
        } finally {
            ui.destroyForcibly().waitFor();
        }
    }

    private TopologyMetrics metricsOrNull(String name) {
        try {
            return MetricsClient.topologyMetrics(client, name, "all");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TopologyMetrics.ComponentMetrics component(List<TopologyMetrics.ComponentMetrics> list,
                                                              String id) {
        return list.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + id + " in " + list));
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET, or -1 if nothing answers yet. */
    private static int status(HttpClient http, String url) {
        try {
            return get(http, url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // --- helpers ---

    private static int freePort() {
        return ClusterLauncher.freePort();
    }

    private Process daemon(String name, String... args) {
        return cluster.cli(name, args);
    }

    private String log(String name) {
        return cluster.log(name);
    }

    private static boolean isLeader(NimbusClient c) {
        try {
            return Boolean.TRUE.equals(c.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isUp(NimbusClient c) {
        try {
            c.getClusterInfo();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private String splitErrors(String topology) {
        try {
            Object errors = client.getTopology(topology).get("errors");
            return String.valueOf(((Map<?, ?>) errors).get("split"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String topologyId(String name) {
        return state.topologies().stream().filter(t -> t.name().equals(name)).findFirst().map(TopologyInfo::id)
                .orElseThrow(() -> new AssertionError("no topology " + name));
    }

    private static List<String> files(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path dir, String prefix) {
        List<String> out = new ArrayList<>();
        for (String f : files(dir, prefix)) {
            try {
                for (String line : Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        out.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static Set<String> ackedIds(Path dir) {
        return new HashSet<>(lines(dir, "acked-"));
    }

    private static Map<String, Long> countedWords(Path dir) {
        Map<String, Long> counts = new TreeMap<>();
        for (String w : lines(dir, "words-")) {
            counts.merge(w, 1L, Long::sum);
        }
        return counts;
    }
}
