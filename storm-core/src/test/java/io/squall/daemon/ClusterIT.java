package io.squall.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squall.Await;
import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.WorkerSlot;
import io.squall.clustertest.RecordingWordCount;
import io.squall.config.DaemonConfig;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.builtin.Snapshots;
import io.squall.topology.NotAliveException;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ZooKeeper, Nimbus (and later a standby Nimbus) and two supervisors as separate processes on loopback,
 * shared by the tests of this class, which run in order: the later ones kill daemons and workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ClusterIT {
    private static final Duration LONG = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path base;
    private Path jar;
    private String classpath;
    private final List<String> common = new ArrayList<>();
    private int nimbusPort;
    private int standbyPort;
    private int[] sup1Ports;
    private int[] sup2Ports;
    private Process zookeeper;
    private Process nimbus;
    private Process standby;
    private Process supervisor1;
    private Process supervisor2;
    private ClusterState state;
    private NimbusClient client;

    @BeforeAll
    void startCluster() throws Exception {
        base = Files.createTempDirectory(Path.of("target"), "cluster-it").toAbsolutePath();
        jar = buildTopologyJar();
        classpath = daemonClasspath();
        int zkPort = freePort();
        nimbusPort = freePort();
        standbyPort = freePort();
        sup1Ports = new int[] {freePort(), freePort()};
        sup2Ports = new int[] {freePort(), freePort()};
        common.addAll(List.of(
                "storm.zookeeper.port=" + zkPort,
                "storm.zookeeper.session.timeout=4000",
                "storm.zookeeper.connection.timeout=20000",
                "storm.local.dir=" + base.resolve("local"),
                "dev.zookeeper.path=" + base.resolve("zookeeper"),
                "squall.logs.dir=" + base.resolve("logs"),
                "nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\", \"127.0.0.1:" + standbyPort + "\"]",
                "nimbus.host=127.0.0.1",
                "nimbus.monitor.freq.ms=500",
                "supervisor.host=127.0.0.1",
                "supervisor.monitor.freq.ms=500",
                "supervisor.worker.timeout.secs=10",
                "supervisor.worker.start.timeout.secs=90",
                "worker.heartbeat.frequency.ms=500",
                "worker.heap.memory.mb=192",
                "worker.childopts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                "messaging.reconnect.max.ms=300"));
        zookeeper = daemon("zookeeper", "dev-zookeeper");
        state = ClusterState.connect(DaemonConfig.load(null, common));
        nimbus = daemon("nimbus", "nimbus", "-c", "nimbus.port=" + nimbusPort);
        supervisor1 = daemon("supervisor1", "supervisor", "-c", "supervisor.slots.ports=" + Arrays.toString(sup1Ports));
        supervisor2 = daemon("supervisor2", "supervisor", "-c", "supervisor.slots.ports=" + Arrays.toString(sup2Ports));
        client = NimbusClient.of(DaemonConfig.load(null, common));
        Await.until(LONG, () -> state.supervisors().size() == 2 && isLeader(client), () -> "two supervisors and a "
                + "leader Nimbus");
    }

    @AfterAll
    void stopCluster() throws IOException {
        for (Process p : new Process[] {supervisor1, supervisor2, standby, nimbus}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (state != null) {
            state.close();
        }
        if (zookeeper != null) {
            zookeeper.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    @Order(1)
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
    @Order(2)
    void countsWordsExactlyAcrossTwoWorkersSubmittedWithTheJarCommand() throws Exception {
        Path dir = Files.createDirectories(base.resolve("wc"));
        int total = 2000;
        Process submit = cli("submit", "jar", jar.toString(), RecordingWordCount.class.getName(), "wc", dir.toString(),
                String.valueOf(total), "2", "0", "60");
        assertEquals(0, submit.waitFor(), () -> "bin/squall jar failed: " + log("submit"));
        Process list = cli("list", "list");
        assertEquals(0, list.waitFor());
        assertTrue(log("list").contains("wc "), log("list"));
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
        nimbusAggregatesTheWorkersMetricsExactly("wc", total, expected.values().stream().mapToLong(Long::longValue)
                .sum());
        theUiServesTheClusterFromNimbus("wc", total);

        client.killTopology("wc", 0);
        Await.until(LONG, () -> state.assignments().isEmpty() && workerPids().isEmpty(), () -> "wc's workers stopped");
    }

    @Test
    @Order(3)
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
        Set<Long> before = workerPids();
        assertEquals(2, before.size());
        for (WorkerSlot w : state.assignment(topologyId("rel")).workers()) {
            try (Socket s = new Socket("127.0.0.1", w.port())) {
                s.getOutputStream().write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "the worker closes a connection sending garbage");
            }
        }
        assertEquals(before, workerPids(), "the workers live through malformed frames");
        assertTrue(workerLogs().contains("connections closed for bad input so far"));
        for (WorkerSlot w : state.assignment(topologyId("rel")).workers()) {
            Path csv = base.resolve("csv").resolve("rel-" + w.port());
            Await.until(LONG, () -> Files.isDirectory(csv) && !files(csv, "").isEmpty(),
                    () -> "the CSV metrics reporter of worker " + w.name() + " writes to " + csv);
        }
        long victim = before.iterator().next();
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        Await.until(LONG, () -> {
            Set<Long> now = workerPids();
            return now.size() == 2 && !now.contains(victim);
        }, () -> "a new worker in place of " + victim + ": " + workerPids());
        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");
    }

    @Test
    @Order(4)
    void aWorkerThatStopsHeartbeatingIsReplaced() throws Exception {
        Set<Long> before = workerPids();
        long frozen = before.iterator().next();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", String.valueOf(frozen)).start().waitFor());
        Await.until(LONG, () -> {
            Set<Long> now = workerPids();
            return now.size() == 2 && !now.contains(frozen);
        }, () -> "a new worker in place of the frozen " + frozen + ": " + workerPids());
        assertTrue(ProcessHandle.of(frozen).isEmpty() || !ProcessHandle.of(frozen).get().isAlive());
    }

    @Test
    @Order(5)
    void aRestartedNimbusStillListsTheRunningTopology() throws Exception {
        Set<Long> workers = workerPids();
        nimbus.destroyForcibly().waitFor();
        nimbus = daemon("nimbus-restarted", "nimbus", "-c", "nimbus.port=" + nimbusPort);
        Await.until(LONG, () -> isLeader(client), () -> "the restarted Nimbus leads");
        assertEquals(List.of("rel"), client.listTopologies().stream().map(t -> t.get("name")).toList());
        assertEquals(workers, workerPids(), "the workers kept running");
    }

    @Test
    @Order(6)
    void aStandbyNimbusTakesOverWhenTheLeaderDies() throws Exception {
        standby = daemon("standby", "nimbus", "-c", "nimbus.port=" + standbyPort);
        NimbusClient standbyOnly = new NimbusClient(List.of("127.0.0.1:" + standbyPort));
        Await.until(LONG, () -> isUp(standbyOnly), () -> "the standby answers");
        assertEquals(false, standbyOnly.getClusterInfo().get("isLeader"));
        nimbus.destroyForcibly().waitFor();
        Await.until(LONG, () -> isLeader(standbyOnly), () -> "the standby leads");
        assertEquals(List.of("rel"), client.listTopologies().stream().map(t -> t.get("name")).toList());
        client.killTopology("rel", 0);
        Await.until(LONG, () -> state.assignments().isEmpty() && workerPids().isEmpty(), () -> "rel's workers stopped");
    }

    @Test
    @Order(7)
    void theExecutorsOfADeadSupervisorMoveAndComeBackWhenSlotsDo() throws Exception {
        Path dir = Files.createDirectories(base.resolve("moving"));
        int total = 3000;
        client.submitTopology("moving", jar, RecordingWordCount.conf(3, 8),
                RecordingWordCount.topology(dir.toString(), total, 2000, false));
        Await.until(LONG, () -> ackedIds(dir).size() >= 200, () -> "the first acks");
        String id = topologyId("moving");
        Set<Integer> onSup2 = new HashSet<>();
        for (int p : sup2Ports) {
            onSup2.add(p);
        }
        assertEquals(3, state.assignment(id).workers().size());
        assertTrue(state.assignment(id).workers().stream().anyMatch(w -> onSup2.contains(w.port())));
        supervisor2.descendants().forEach(ProcessHandle::destroyForcibly);
        supervisor2.destroyForcibly().waitFor();
        Await.until(LONG, () -> {
            Assignment a = state.assignment(id);
            return a != null && a.workers().size() == 2
                    && a.workers().stream().noneMatch(w -> onSup2.contains(w.port()));
        }, () -> "moving reassigned to supervisor 1's two slots: " + state.assignment(id));
        int ackedWhenMoved = ackedIds(dir).size();
        Await.until(LONG, () -> ackedIds(dir).size() >= Math.min(total, ackedWhenMoved + 100),
                () -> "acks go on on one supervisor: " + ackedIds(dir).size() + ", " + ackedWhenMoved + " when moved");

        supervisor2 = daemon("supervisor2-again", "supervisor", "-c",
                "supervisor.slots.ports=" + Arrays.toString(sup2Ports));
        Await.until(LONG, () -> state.assignment(id).workers().size() == 3,
                () -> "moving spread over three workers again: " + state.assignment(id));
        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");
    }

    @Test
    @Order(8)
    void theCliDeactivatesActivatesRebalancesAndKills() throws Exception {
        String id = topologyId("moving");
        assertEquals(0, cli("deactivate", "deactivate", "moving").waitFor(), () -> log("deactivate"));
        assertEquals("INACTIVE", client.getTopology("moving").get("status"));
        assertEquals(0, cli("activate", "activate", "moving").waitFor(), () -> log("activate"));
        assertEquals("ACTIVE", client.getTopology("moving").get("status"));
        // More workers than the cluster has slots: the answer, list and the dashboard say how many it got.
        assertEquals(0, cli("rebalance-many", "rebalance", "moving", "-n", "10").waitFor(),
                () -> log("rebalance-many"));
        int got = state.assignment(id).workers().size();
        assertTrue(log("rebalance-many").contains("it runs on " + got + " of the 10 workers asked for"),
                log("rebalance-many"));
        assertEquals(10, ((Number) client.getTopology("moving").get("workersRequested")).intValue());
        assertEquals(0, cli("list-short", "list").waitFor(), () -> log("list-short"));
        assertTrue(log("list-short").contains(got + "/10"), log("list-short"));
        long version = state.assignment(id).version();
        assertEquals(0, cli("rebalance", "rebalance", "moving", "-n", "1", "-e", "count=2").waitFor(),
                () -> log("rebalance"));
        assertTrue(log("rebalance").contains("Rebalanced topology moving over 1 workers"), log("rebalance"));
        Assignment a = state.assignment(id);
        assertTrue(a.version() > version);
        assertEquals(1, a.workers().size());
        Await.until(LONG, () -> workerPids().size() == 1, () -> "one worker after the rebalance: " + workerPids());
        Process badRebalance = cli("rebalance-bad", "rebalance", "moving", "-e", "count=9");
        assertEquals(1, badRebalance.waitFor());
        assertTrue(log("rebalance-bad").contains("can run on 1 to 4 executors, not 9"), log("rebalance-bad"));
        assertEquals(0, cli("kill", "kill", "moving", "-w", "1").waitFor(), () -> log("kill"));
        assertEquals("KILLED", client.getTopology("moving").get("status"));
        Await.until(LONG, () -> state.assignments().isEmpty() && workerPids().isEmpty(), () -> "moving stopped");
        Process unknown = cli("kill-unknown", "kill", "moving");
        assertEquals(1, unknown.waitFor());
        assertTrue(log("kill-unknown").contains("No topology named 'moving'"), log("kill-unknown"));
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
        TopologyMetrics all = client.getTopologyMetrics(name, "all");
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
        TopologyMetrics tenMinutes = client.getTopologyMetrics(name, "10m");
        assertEquals(sentences, component(tenMinutes.spouts(), "sentences").acked());
        assertEquals(words, component(tenMinutes.bolts(), "count").executed());

        List<Snapshots.Worker> snapshots = client.getSnapshots(name);
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
            JsonNode topology = summary.get("topologies").get(0);
            assertEquals(1, summary.get("topologies").size(), summary::toString);
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
            return client.getTopologyMetrics(name, "all");
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path buildTopologyJar() throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path pkg = classes.resolve("io/squall/clustertest");
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

    /** The test class path without the test classes, so the topology's classes come only from its JAR. */
    private static String daemonClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Process daemon(String name, String... args) throws IOException {
        return start(name, args);
    }

    private Process cli(String name, String... args) throws IOException {
        return start(name, args);
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

    private String workerLogs() {
        StringBuilder all = new StringBuilder();
        for (String f : files(base.resolve("logs"), "worker-")) {
            try {
                all.append(Files.readString(base.resolve("logs").resolve(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
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
        return state.topologies().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    /** The worker processes of both supervisors. */
    private Set<Long> workerPids() {
        Set<Long> pids = new HashSet<>();
        for (Process s : new Process[] {supervisor1, supervisor2}) {
            if (s.isAlive()) {
                s.children().filter(ProcessHandle::isAlive).forEach(p -> pids.add(p.pid()));
            }
        }
        return pids;
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
