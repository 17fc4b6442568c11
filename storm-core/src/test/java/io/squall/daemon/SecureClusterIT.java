package io.squall.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.cluster.TopologyInfo;
import io.squall.cluster.WorkerSlot;
import io.squall.clustertest.RecordingWordCount;
import io.squall.config.DaemonConfig;
import io.squall.messaging.Frame;
import io.squall.messaging.MessagingClient;
import io.squall.security.ClusterSecret;
import io.squall.security.DevCerts;
import io.squall.security.TlsFiles;
import io.squall.security.TokenStore;
import io.squall.security.TransportSecurity;
import io.squall.security.WorkerSignature;
import io.squall.security.ZookeeperAcls;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.topology.AuthorizationException;
import io.squall.topology.NotAliveException;
import io.squall.utils.NimbusClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster with every protection on (tokens, TLS everywhere, mutual TLS and the topology handshake between
 * workers, ZooKeeper ACLs) as separate processes on loopback: ZooKeeper, Nimbus, one supervisor with two slots
 * and the dashboard. Alice submits a word count that lets Carol read it; Mallory is a user it does not list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
@ExtendWith(ClusterEvidence.class)
class SecureClusterIT {
    private static final Duration LONG = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterLauncher cluster;
    private Path base;
    private Path jar;
    private TlsFiles tls;
    private ClusterSecret secret;
    private String alice;
    private String carol;
    private String mallory;
    private int nimbusPort;
    private int uiPort;
    private ClusterState state;
    private NimbusClient client;
    private HttpClient https;
    /** Every dashboard answer read, for the check that none shows a secret. */
    private final List<String> dashboardPages = new ArrayList<>();

    @BeforeAll
    void startSecureCluster() throws Exception {
        cluster = ClusterLauncher.create("secure-it");
        base = cluster.base();
        jar = TopologyJar.ofPackage(Path.of("target", "test-classes"), RecordingWordCount.class.getPackageName(),
                base.resolve("topology.jar"));
        Path certs = base.resolve("tls");
        DevCerts.write(certs, List.of());
        tls = new TlsFiles(certs.resolve(DevCerts.CERT), certs.resolve(DevCerts.KEY), certs.resolve(DevCerts.CA));
        secret = ClusterSecret.read(certs.resolve(DevCerts.SECRET));
        alice = TokenStore.newToken("alice");
        carol = TokenStore.newToken("carol");
        mallory = TokenStore.newToken("mallory");
        Path users = Files.writeString(base.resolve("users"), TokenStore.line(alice) + "\n" + TokenStore.line(carol)
                + "\n" + TokenStore.line(mallory) + "\n");
        Path credentials = Files.writeString(base.resolve("alice-credentials"), alice + "\n");
        nimbusPort = ClusterLauncher.freePort();
        uiPort = ClusterLauncher.freePort();
        cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]")
                .conf("squall.auth.users.file=" + users)
                .conf("squall.cluster.secret.file=" + certs.resolve(DevCerts.SECRET))
                .conf("squall.tls.cert=" + tls.cert()).conf("squall.tls.key=" + tls.key())
                .conf("squall.tls.ca=" + tls.ca())
                .conf("squall.credentials.file=" + credentials)
                .conf("ui.port=" + uiPort);
        cluster.startZookeeper();
        state = ClusterState.connect(DaemonConfig.load(null, cluster.conf()));
        cluster.startNimbus("nimbus", nimbusPort);
        cluster.startSupervisor("supervisor", ClusterLauncher.freePort(), ClusterLauncher.freePort());
        cluster.startDaemon("ui", List.of(), List.of(), "ui");
        client = NimbusClient.of(DaemonConfig.load(null, cluster.conf()));
        https = HttpClient.newBuilder().sslContext(tls.jdkClient()).connectTimeout(Duration.ofSeconds(20)).build();
        Await.until(LONG, () -> supervisors() == 1, () -> "Nimbus answering alice over HTTPS with one supervisor");
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

    private int supervisors() {
        try {
            return ((List<?>) client.getClusterInfo().get("supervisors")).size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Test
    void theOwnerSubmitsListsAndKillsReadersOnlyViewStrangersSeeNothingAndEveryMessageIsAckedThroughAWorkerKill()
            throws Exception {
        Path dir = Files.createDirectories(base.resolve("rel"));
        int total = 2000;
        Process submit = cluster.cli("submit", "jar", jar.toString(), RecordingWordCount.class.getName(), "rel",
                dir.toString(), String.valueOf(total), "2", "2000", "8", "-c", "topology.readers=[\"carol\"]");
        assertEquals(0, submit.waitFor(), () -> cluster.log("submit"));
        Await.until(LONG, () -> ackedIds(dir).size() >= 200, () -> "the first acks");

        Map<String, Object> asAlice = only(client.listTopologies());
        assertEquals("rel", asAlice.get("name"));
        assertEquals("alice", asAlice.get("owner"));
        assertEquals(List.of("kill", "activate", "deactivate", "rebalance"), asAlice.get("actions"));
        Map<String, Object> asCarol = only(client.withToken(carol).listTopologies());
        assertEquals(List.of(), asCarol.get("actions"));
        assertEquals(List.of(), client.withToken(mallory).listTopologies(), "mallory sees no topology");
        AuthorizationException denied = assertThrows(AuthorizationException.class,
                () -> client.withToken(carol).killTopology("rel", 0));
        assertTrue(denied.getMessage().contains("may not kill topology 'rel'"), denied.getMessage());
        assertThrows(NotAliveException.class, () -> client.withToken(mallory).killTopology("rel", 0));
        assertThrows(AuthorizationException.class, () -> client.withToken(carol).rebalance("rel", 1, Map.of(), 0));
        assertTrue(longAt(cluster(), "security", "forbidden") >= 2, "the two 403s are counted");

        theDashboardActsAsEachUser();
        aForgedFrameFromAnotherTopologysWorkerIsRefusedAndCounted(topologyId("rel"));

        Set<Long> before = cluster.workerPids();
        assertEquals(2, before.size());
        long victim = before.iterator().next();
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        Await.until(LONG, () -> {
            Set<Long> now = cluster.workerPids();
            return now.size() == 2 && !now.contains(victim);
        }, () -> "a new worker in place of " + victim + ": " + cluster.workerPids());
        Await.until(LONG, () -> ackedIds(dir).size() == total, () -> ackedIds(dir).size() + " of " + total + " acked");

        String id = topologyId("rel");
        List<io.squall.topology.OwnerResourceSummary> owners = client.getClient().getOwnerResourceSummaries(null);
        assertEquals(1, owners.size(), owners::toString);
        assertEquals("alice", owners.get(0).get_owner());
        assertEquals(2, owners.get(0).get_total_workers(), owners::toString);
        assertEquals(List.of(), client.withToken(mallory).getClient().getOwnerResourceSummaries(null),
                "mallory sees no topology, so no owner");
        Map<?, ?> storedConf = JSON.readValue(client.downloadCode(id, "conf"), Map.class);
        assertEquals("alice", storedConf.get("topology.submitter.user"));
        Process kill = cluster.cli("kill", "kill", "rel", "-w", "0");
        assertEquals(0, kill.waitFor(), () -> cluster.log("kill"));
        Await.until(LONG, () -> state.assignments().isEmpty() && cluster.workerPids().isEmpty(),
                () -> "rel gone: " + cluster.workerPids());
        // Storm's topology history: the removed topology stays listed for its owner and its reader, not a stranger.
        assertTrue(client.getClient().getTopologyHistory(null).get_topo_ids().contains(id));
        assertTrue(client.withToken(carol).getClient().getTopologyHistory("carol").get_topo_ids().contains(id));
        assertFalse(client.withToken(mallory).getClient().getTopologyHistory(null).get_topo_ids().contains(id));
        AuthorizationException others = assertThrows(AuthorizationException.class,
                () -> client.withToken(mallory).getClient().getTopologyHistory("alice"));
        assertTrue(others.getMessage().contains("may not read the topology history of 'alice'"),
                others.getMessage());
        noLogNorDashboardPageHoldsASecret();
    }

    @Test
    void missingOrWrongCredentialsAndForgedReportsGet401AndAreCounted() throws Exception {
        String api = "https://127.0.0.1:" + nimbusPort + "/api/v1/";
        long before = longAt(cluster(), "security", "unauthenticated");
        assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(api + "topologies")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> wrong = https.send(HttpRequest.newBuilder(URI.create(api + "topologies"))
                .header("Authorization", "Bearer alice.0123").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Authentication required") && !wrong.body().contains("alice.0123"),
                wrong.body());
        assertTrue(longAt(cluster(), "security", "unauthenticated") >= before + 2);
        // Nimbus's configuration (remoteconfvalue) too: only to an authenticated user, and never its secrets.
        assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(api + "conf")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> conf = https.send(HttpRequest.newBuilder(URI.create(api + "conf"))
                .header("Authorization", "Bearer " + alice).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, conf.statusCode(), conf.body());
        assertTrue(conf.body().contains("\"squall.cluster.secret.file\"") && conf.body().contains(
                "\"squall.credentials.file\""), "named as withheld: " + conf.body());
        assertTrue(!conf.body().contains(base.resolve("tls").resolve(DevCerts.SECRET).toString())
                && !conf.body().contains(base.resolve("alice-credentials").toString()), "a secret's path served: "
                + conf.body());
        assertEquals(0, cluster.cli("remoteconf", "remoteconfvalue", "squall.tls.ca").waitFor(),
                () -> cluster.log("remoteconf"));
        assertTrue(cluster.log("remoteconf").contains("squall.tls.ca: " + tls.ca()), cluster.log("remoteconf"));
        assertEquals(1, cluster.cli("remoteconf-secret", "remoteconfvalue", "squall.cluster.secret.file").waitFor());
        assertTrue(cluster.log("remoteconf-secret").contains("Nimbus does not serve 'squall.cluster.secret.file'"),
                cluster.log("remoteconf-secret"));

        long forgedBefore = longAt(cluster(), "security", "forgedReports");
        byte[] report = ("{\"topology\":\"rel\",\"topologyId\":\"rel-1\",\"worker\":\"127.0.0.1:1\",\"timeMillis\":1,"
                + "\"components\":[]}").getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        HttpResponse<String> forged = https.send(HttpRequest.newBuilder(URI.create(api + "metrics"))
                .header(WorkerSignature.TOPOLOGY_HEADER, "rel-1")
                .header(WorkerSignature.TIME_HEADER, String.valueOf(now))
                .header(WorkerSignature.SIGNATURE_HEADER, WorkerSignature.sign(secret.topologySecret("other-2"), now,
                        report))
                .POST(HttpRequest.BodyPublishers.ofByteArray(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode(), forged.body());
        HttpResponse<String> userToken = https.send(HttpRequest.newBuilder(URI.create(api + "metrics"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofByteArray(report))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, userToken.statusCode(), "a user's token does not sign a worker's report");
        assertTrue(longAt(cluster(), "security", "forgedReports") >= forgedBefore + 2);
    }

    @Test
    void aPlainTextClientOnATlsPortIsRefused() throws Exception {
        long refused = longAt(cluster(), "security", "tlsRefused");
        for (int port : new int[] {nimbusPort, uiPort}) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /api/v1/cluster HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(
                        StandardCharsets.US_ASCII));
                String answer = new String(readAll(s.getInputStream()), StandardCharsets.ISO_8859_1);
                assertFalse(answer.startsWith("HTTP/"), "port " + port + " answered in plain text: " + answer);
            }
        }
        assertTrue(longAt(cluster(), "security", "tlsRefused") > refused);
    }

    @Test
    void aZooKeeperClientWithoutTheDigestCannotReadSquallsZnodes() throws Exception {
        try (CuratorFramework stranger = CuratorFrameworkFactory.newClient("127.0.0.1:" + cluster.zookeeperPort(),
                new RetryOneTime(100))) {
            stranger.start();
            stranger.blockUntilConnected();
            assertThrows(KeeperException.NoAuthException.class, () -> stranger.getChildren().forPath("/squall"));
            assertThrows(KeeperException.NoAuthException.class, () -> stranger.getData().forPath("/squall"));
        }
        try (CuratorFramework wrongDigest = ZookeeperAcls.apply(CuratorFrameworkFactory.builder()
                .connectString("127.0.0.1:" + cluster.zookeeperPort()).retryPolicy(new RetryOneTime(100)),
                ClusterSecret.of("not-the-cluster-secret".getBytes(StandardCharsets.UTF_8))).build()) {
            wrongDigest.start();
            wrongDigest.blockUntilConnected();
            assertThrows(KeeperException.NoAuthException.class, () -> wrongDigest.getChildren().forPath("/squall"));
        }
        assertFalse(state.supervisors().isEmpty(), "the daemons' own digest reads it");
    }

    /** Alice acts through the dashboard; Carol sees no action there and is refused one; no token gets 401. */
    private void theDashboardActsAsEachUser() throws Exception {
        String ui = "https://127.0.0.1:" + uiPort + "/";
        Await.until(LONG, () -> dashboard("GET", ui + "api/v1/cluster/summary", alice).statusCode() == 200,
                () -> "the dashboard: " + cluster.log("ui"));
        HttpResponse<String> none = https.send(HttpRequest.newBuilder(URI.create(ui)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(200, dashboard("GET", ui, alice).statusCode());
        assertEquals(200, dashboard("GET", ui + "app.js", alice).statusCode());
        JsonNode asAlice = JSON.readTree(dashboard("GET", ui + "api/v1/topologies/rel", alice).body());
        assertEquals(4, asAlice.get("summary").get("actions").size(), asAlice::toString);
        JsonNode asCarol = JSON.readTree(dashboard("GET", ui + "api/v1/topologies/rel", carol).body());
        assertEquals(0, asCarol.get("summary").get("actions").size(), asCarol::toString);
        assertEquals(403, dashboard("POST", ui + "api/v1/topologies/rel/deactivate", carol).statusCode());
        assertEquals(404, dashboard("GET", ui + "api/v1/topologies/rel", mallory).statusCode());
        assertEquals(401, dashboard("GET", ui + "api/v1/topologies/rel", "alice.wrong").statusCode());
        assertEquals(200, dashboard("POST", ui + "api/v1/topologies/rel/deactivate", alice).statusCode());
        Await.until(LONG, () -> "INACTIVE".equals(state.topology(topologyId("rel")).status().name()),
                () -> "rel deactivated from the dashboard");
        assertEquals(200, dashboard("POST", ui + "api/v1/topologies/rel/activate", alice).statusCode());
        assertEquals(200, dashboard("GET", ui + "api/v1/cluster/summary", carol).statusCode());
    }

    private HttpResponse<String> dashboard(String method, String url, String token) {
        String basic = Base64.getEncoder().encodeToString(("user:" + token).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> res = https.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                    "Basic " + basic).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            dashboardPages.add(res.body());
            return res;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client holding another topology's secret (and the cluster's certificate, so TLS lets it through) connects
     * to each worker and sends a backpressure frame that would stop the spouts: each worker refuses the connection
     * and counts it, and the topology goes on. A plain-text client on a worker's mutual-TLS port is refused too.
     */
    private void aForgedFrameFromAnotherTopologysWorkerIsRefusedAndCounted(String topologyId) {
        EventLoopGroup group = new NioEventLoopGroup(1);
        List<MessagingClient> forgers = new ArrayList<>();
        try {
            TransportSecurity other = TransportSecurity.of(tls, secret.topologySecret("other-" + topologyId));
            for (WorkerSlot w : state.assignment(topologyId).workers()) {
                forgers.add(new MessagingClient("forger", w.host(), w.port(), group,
                        new MessagingClient.Settings(50, 200, 1 << 20), other));
            }
            Await.until(LONG, () -> {
                forgers.forEach(f -> f.trySend(Frame.backpressure(true)));
                return count(cluster.workerLogs(), "wrong handshake answer") >= forgers.size();
            }, () -> "each worker refusing the forged connection");
            // Plain text on a worker's mutual-TLS port: closed before any frame, logged and counted.
            for (WorkerSlot w : state.assignment(topologyId).workers()) {
                try (Socket plain = new Socket(w.host(), w.port())) {
                    plain.setSoTimeout(30_000);
                    plain.getOutputStream().write(new byte[] {0, 0, 0, 9, 1, 'p', 'l', 'a', 'i', 'n', 't', 'e', 'x'});
                    readAll(plain.getInputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot reach worker port " + w.port(), e);
                }
            }
            Await.until(LONG, () -> count(cluster.workerLogs(), "not TLS, or its TLS handshake failed")
                    >= forgers.size(), () -> "each worker refusing a plain-text connection");
        } finally {
            forgers.forEach(MessagingClient::close);
            group.shutdownGracefully();
        }
    }

    /** Greps every daemon and worker log and every dashboard answer for every secret of the run. */
    private void noLogNorDashboardPageHoldsASecret() throws IOException {
        List<String> secrets = new ArrayList<>(List.of(alice, carol, mallory, alice.substring(6),
                carol.substring(6), secret.daemonToken(), secret.zookeeperPassword(),
                Files.readString(base.resolve("tls").resolve(DevCerts.SECRET)).strip()));
        for (String id : topologyIdsSeen()) {
            secrets.add(HexFormat.of().formatHex(secret.topologySecret(id)));
        }
        Files.readAllLines(tls.key()).stream().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
        List<String> texts = new ArrayList<>(dashboardPages);
        List<Path> logs = new ArrayList<>();
        // Workers make and delete directories under base as they start and stop: a file gone while walking is skipped.
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.endsWith(".log") || name.matches(".*\\.log\\.\\d+") || name.endsWith(".out")) {
                    logs.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(logs.size() >= 5, "daemon and worker logs: " + logs);
        for (Path log : logs) {
            texts.add(Files.readString(log));
        }
        for (String text : texts) {
            for (String s : secrets) {
                assertFalse(text.contains(s), "a secret in a log or dashboard page");
            }
        }
    }

    /** The ids of the topologies this test looked up, whose secrets the grep looks for. */
    private final Set<String> seenIds = new HashSet<>();

    private List<String> topologyIdsSeen() {
        return List.copyOf(seenIds);
    }

    private String topologyId(String name) {
        String id = state.topologies().stream().filter(t -> t.name().equals(name)).findFirst().map(TopologyInfo::id)
                .orElseThrow(() -> new AssertionError("no topology " + name));
        seenIds.add(id);
        return id;
    }

    private Map<String, Object> cluster() throws IOException {
        return client.getClusterInfo();
    }

    private static long longAt(Map<String, Object> m, String outer, String key) {
        return ((Number) ((Map<?, ?>) m.get(outer)).get(key)).longValue();
    }

    private static Map<String, Object> only(List<Map<String, Object>> list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // A reset counts as refused.
        }
    }

    private static Set<String> ackedIds(Path dir) {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("acked-")).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isEmpty()) {
                        out.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
