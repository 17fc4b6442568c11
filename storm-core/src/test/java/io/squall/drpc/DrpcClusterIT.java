package io.squall.drpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.cluster.ClusterState;
import io.squall.config.DaemonConfig;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.Daemon;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.utils.DRPCClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DRPC on a real cluster: ZooKeeper, Nimbus, a supervisor, a {@code bin/squall drpc} server and the dashboard as
 * processes on loopback, the reach and picky linear DRPC topologies submitted from a topology JAR. Many concurrent
 * reach requests are answered correctly over two workers; a request the topology fails gets a
 * {@link DRPCExecutionException} of type FAILED_REQUEST, one it never answers times out (SERVER_TIMEOUT) after the
 * server's request timeout, and so does one sent after its topology was killed; bad requests are refused and the
 * server goes on; the dashboard lists the server with its counts per function.
 */
@Timeout(240)
@ExtendWith(ClusterEvidence.class)
class DrpcClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final int TIMEOUT_SECS = 4;

    @Test
    void answersReachOnAClusterFailsAndTimesOutAsDocumentedAndTheDashboardCountsIt() throws Exception {
        int drpcPort = ClusterLauncher.freePort();
        int uiPort = ClusterLauncher.freePort();
        int nimbusPort = ClusterLauncher.freePort();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        HttpClient http = HttpClient.newHttpClient();
        try (ClusterLauncher cluster = ClusterLauncher.create("drpc-cluster-it")) {
            cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]")
                    .conf("drpc.servers=[\"127.0.0.1\"]").conf("drpc.http.port=" + drpcPort)
                    .conf("drpc.request.timeout.secs=" + TIMEOUT_SECS);
            cluster.startZookeeper();
            cluster.startNimbus("nimbus", nimbusPort);
            Daemon supervisor = cluster.startSupervisor("supervisor", ClusterLauncher.freePort(),
                    ClusterLauncher.freePort(), ClusterLauncher.freePort());
            Daemon drpc = cluster.startDaemon("drpc", List.of(), List.of("drpc.http.host=127.0.0.1"), "drpc");
            Daemon ui = cluster.startDaemon("ui", List.of(), List.of("ui.port=" + uiPort), "ui");
            awaitLeaderAndSupervisor(cluster, supervisor);
            Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                    ClusterDrpcTopologies.class.getPackageName(), cluster.base().resolve("drpc-topologies.jar"));
            Map<String, Process> submits = new LinkedHashMap<>();
            for (String function : List.of("reach", "picky")) {
                submits.put(function, cluster.cli("submit-" + function, "jar", jar.toString(),
                        ClusterDrpcTopologies.class.getName(), function, "127.0.0.1", String.valueOf(drpcPort)));
            }
            for (Map.Entry<String, Process> submit : submits.entrySet()) {
                assertEquals(0, submit.getValue().waitFor(), () -> "submit of " + submit.getKey() + " failed: "
                        + cluster.log("submit-" + submit.getKey()) + "\n" + supervisor.log());
            }
            DRPCClient client = new DRPCClient(Map.of(), "127.0.0.1", drpcPort);
            // Until a topology's spouts run, its requests time out on the server: ask until one is answered.
            awaitAnswer(client, "reach", "u1", drpc);
            awaitAnswer(client, "picky", "hi", drpc);

            List<String> urls = new ArrayList<>();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String url = "u" + (1 + i % 4);
                urls.add(url);
                answers.add(clients.submit(() -> client.execute("reach", url)));
            }
            for (int i = 0; i < urls.size(); i++) {
                assertEquals(String.valueOf(LinearDRPCIT.expectedReach(urls.get(i))), answers.get(i).get(),
                        "reach of " + urls.get(i));
            }

            DRPCExecutionException failed = assertThrows(DRPCExecutionException.class,
                    () -> client.execute("picky", "boom"));
            assertEquals(DRPCExceptionType.FAILED_REQUEST, failed.getType(), failed.getMessage());
            // The CLI: Storm's drpc-client, and get-errors showing the error the failed request reported.
            assertEquals(0, cluster.cli("drpc-client", "drpc-client", "-f", "picky", "hello", "world").waitFor(),
                    () -> cluster.log("drpc-client"));
            assertTrue(cluster.log("drpc-client").contains("picky \"hello\" => \"hello!\""), cluster.log("drpc-client"));
            assertTrue(cluster.log("drpc-client").contains("picky \"world\" => \"world!\""), cluster.log("drpc-client"));
            assertEquals(1, cluster.cli("drpc-client-boom", "drpc-client", "picky", "boom").waitFor());
            assertTrue(cluster.log("drpc-client-boom").contains("squall drpc-client: picky \"boom\" failed"),
                    cluster.log("drpc-client-boom"));
            Await.until(LONG, () -> succeeds(cluster, "get-errors", "get-errors", "picky")
                            && cluster.log("get-errors").contains("\"Topology Name\":\"picky\"")
                            && cluster.log("get-errors").contains("boom: the picky bolt refuses it"),
                    () -> "get-errors to show picky's reported error: " + cluster.log("get-errors"));
            long start = System.nanoTime();
            DRPCExecutionException lost = assertThrows(DRPCExecutionException.class,
                    () -> client.execute("picky", "silent"));
            assertEquals(DRPCExceptionType.SERVER_TIMEOUT, lost.getType(), lost.getMessage());
            assertTrue(System.nanoTime() - start >= (TIMEOUT_SECS * 1000L - 100) * 1_000_000L,
                    "waited the server's request timeout");

            String base = "http://127.0.0.1:" + drpcPort;
            assertEquals(404, status(http, HttpRequest.newBuilder(URI.create(base + "/nope")).GET().build()));
            assertEquals(400, status(http, HttpRequest.newBuilder(URI.create(base + "/drpc/reach")).GET().build()));
            assertEquals(405, status(http, HttpRequest.newBuilder(URI.create(base + "/drpc/reach"))
                    .DELETE().build()));
            try (Socket s = new Socket("127.0.0.1", drpcPort)) {
                OutputStream out = s.getOutputStream();
                out.write("\u0000\u0001garbage that is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                s.getInputStream().read();
            }
            assertTrue(drpc.isAlive(), "the DRPC server lives after bad requests");
            assertEquals("5", client.execute("reach", "u3"), "the server still answers after bad requests");
            assertEquals("still here!", client.execute("picky", "still here"), "the topology goes on");

            // A topology that is gone answers nothing: its requests time out as documented.
            NimbusClient.of(DaemonConfig.load(null, cluster.conf())).killTopology("picky", 0);
            Await.until(LONG, () -> cluster.workerPids().size() == 2, () -> "picky's worker gone: "
                    + cluster.workerPids());
            DRPCExecutionException orphan = assertThrows(DRPCExecutionException.class,
                    () -> client.execute("picky", "anyone?"));
            assertEquals(DRPCExceptionType.SERVER_TIMEOUT, orphan.getType(), orphan.getMessage());

            JsonNode servers = dashboardDrpc(http, uiPort, ui);
            assertEquals(1, servers.size(), servers.toString());
            JsonNode server = servers.get(0);
            assertEquals("127.0.0.1:" + drpcPort, server.path("server").asText());
            assertTrue(server.path("up").asBoolean(), server.toString());
            JsonNode reach = server.path("functions").path("reach");
            assertTrue(reach.path("served").asLong() >= 302, reach.toString());
            JsonNode picky = server.path("functions").path("picky");
            assertEquals(2, picky.path("failed").asLong(), "boom from the client and from the CLI: " + picky);
            assertTrue(picky.path("timedOut").asLong() >= 2, picky.toString());
            assertTrue(picky.path("served").asLong() >= 4, picky.toString());
            assertTrue(server.path("badRequests").asLong() >= 3, server.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    /** Waits for a leader Nimbus and the supervisor, so that a submission finds them. */
    /** Whether a CLI command ends with exit status 0. */
    private static boolean succeeds(ClusterLauncher cluster, String name, String... args) {
        try {
            return cluster.cli(name, args).waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void awaitLeaderAndSupervisor(ClusterLauncher cluster, Daemon supervisor) {
        DaemonConfig conf = DaemonConfig.load(null, cluster.conf());
        NimbusClient nimbus = NimbusClient.of(conf);
        Await.until(LONG, () -> isLeader(nimbus), () -> "a leader Nimbus: " + cluster.log("nimbus"));
        try (ClusterState state = ClusterState.connect(conf)) {
            Await.until(LONG, () -> state.supervisors().size() == 1, () -> "a supervisor: " + supervisor.log());
        }
    }

    private static boolean isLeader(NimbusClient nimbus) {
        try {
            return Boolean.TRUE.equals(nimbus.getClusterInfo().get("isLeader"));
        } catch (IOException | RuntimeException e) {
            return false; // Not up yet.
        }
    }

    private static void awaitAnswer(DRPCClient client, String function, String args, Daemon drpc) {
        Await.until(LONG, () -> {
            try {
                client.execute(function, args);
                return true;
            } catch (DRPCExecutionException e) {
                assertEquals(DRPCExceptionType.SERVER_TIMEOUT, e.getType(), "only while the topology starts: " + e);
                return false;
            }
        }, () -> function + " answered: " + drpc.log());
    }

    private static JsonNode dashboardDrpc(HttpClient http, int uiPort, Daemon ui) {
        JsonNode[] seen = new JsonNode[1];
        Await.until(LONG, () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort
                        + "/api/v1/drpc")).GET().build(), HttpResponse.BodyHandlers.ofString());
                seen[0] = r.statusCode() == 200 ? JSON.readTree(r.body()).path("servers") : null;
                return seen[0] != null;
            } catch (IOException e) {
                return false; // The dashboard is still starting.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> "the dashboard's DRPC API: " + ui.log());
        return seen[0];
    }

    private static int status(HttpClient http, HttpRequest req) throws Exception {
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
