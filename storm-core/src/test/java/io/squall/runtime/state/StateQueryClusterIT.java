package io.squall.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.config.DaemonConfig;
import io.squall.runtime.state.clustertest.StatefulClusterWordCount;
import io.squall.security.ClusterSecret;
import io.squall.security.DevCerts;
import io.squall.security.TlsFiles;
import io.squall.security.TokenStore;
import io.squall.security.WorkerSignature;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.TopologyJar;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queryable state on a real cluster with its protections on (tokens, TLS, signed worker reports): ZooKeeper,
 * Nimbus, a supervisor with two worker slots and the dashboard as processes. A stateful word count runs over two
 * workers; once every sentence is acked (so the checkpoints covering them have committed) the dashboard's JSON API
 * and Nimbus's answer a key's exact count and each task's state size, read from the workers. Workers stopped with
 * SIGSTOP make the query fail with 504 naming them; a forged state answer gets 401.
 */
@Timeout(300)
@ExtendWith(ClusterEvidence.class)
class StateQueryClusterIT {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "state-query-cluster";
    private static final int SENTENCES = 1000;

    @Test
    void theDashboardReadsAKeysExactCountAndEachTasksSizeFromTheWorkers() throws Exception {
        long start = System.nanoTime();
        try (ClusterLauncher cluster = ClusterLauncher.create("state-query-cluster-it")) {
            Path base = cluster.base();
            Path certs = base.resolve("tls");
            DevCerts.write(certs, List.of());
            TlsFiles tls = new TlsFiles(certs.resolve(DevCerts.CERT), certs.resolve(DevCerts.KEY),
                    certs.resolve(DevCerts.CA));
            String alice = TokenStore.newToken("alice");
            String mallory = TokenStore.newToken("mallory");
            Path users = Files.writeString(base.resolve("users"), TokenStore.line(alice) + "\n"
                    + TokenStore.line(mallory) + "\n");
            int nimbusPort = ClusterLauncher.freePort();
            int uiPort = ClusterLauncher.freePort();
            cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]")
                    .conf("squall.auth.users.file=" + users)
                    .conf("squall.cluster.secret.file=" + certs.resolve(DevCerts.SECRET))
                    .conf("squall.tls.cert=" + tls.cert()).conf("squall.tls.key=" + tls.key())
                    .conf("squall.tls.ca=" + tls.ca())
                    .conf("squall.credentials.file=" + Files.writeString(base.resolve("credentials"), alice + "\n"))
                    .conf("ui.port=" + uiPort)
                    // The test stops a worker for longer than a query waits: the supervisor must not replace it.
                    .conf("supervisor.worker.timeout.secs=60");
            cluster.startZookeeper();
            cluster.startNimbus("nimbus", nimbusPort);
            cluster.startSupervisor("supervisor", ClusterLauncher.freePort(), ClusterLauncher.freePort());
            cluster.startDaemon("ui", List.of(), List.of(), "ui");
            NimbusClient nimbus = NimbusClient.of(DaemonConfig.load(null, cluster.conf()));
            HttpClient https = HttpClient.newBuilder().sslContext(tls.jdkClient())
                    .connectTimeout(Duration.ofSeconds(20)).build();
            Await.until(LONG, () -> supervisors(nimbus) == 1, () -> "Nimbus with one supervisor: "
                    + cluster.log("nimbus"));

            Path jar = TopologyJar.ofPackageOf(StatefulClusterWordCount.class, base.resolve("stateful.jar"));
            Path records = Files.createDirectories(base.resolve("records"));
            Process submit = cluster.cli("submit", "jar", jar.toString(), StatefulClusterWordCount.class.getName(),
                    NAME, records.toString(), String.valueOf(SENTENCES), InMemoryKeyValueStateProvider.class.getName(),
                    "{}");
            assertEquals(0, submit.waitFor(), () -> "submit: " + cluster.log("submit"));
            Await.until(LONG, () -> StatefulClusterWordCount.records(records, "acked-").size() == SENTENCES,
                    () -> StatefulClusterWordCount.records(records, "acked-").size() + " of " + SENTENCES
                            + " sentences acked; " + cluster.workerLogs());
            Map<String, Long> expected = StatefulClusterWordCount.expectedCounts(SENTENCES);
            double acked = (System.nanoTime() - start) / 1e9;

            String ui = "https://127.0.0.1:" + uiPort + "/api/v1/topologies/" + NAME + "/state/";
            HttpResponse<String> apple = dashboard(https, ui + "count?key=apple", alice);
            assertEquals(200, apple.statusCode(), apple.body());
            JsonNode a = JSON.readTree(apple.body());
            assertEquals(expected.get("apple"), a.get("value").asLong(), apple.body());
            assertTrue(a.get("task").asInt() > 0, apple.body());

            JsonNode sizes = JSON.readTree(dashboard(https, ui + "count", alice).body()).get("tasks");
            assertEquals(2, sizes.size(), sizes::toString);
            long keys = 0;
            for (JsonNode t : sizes) {
                keys += t.get("size").asLong();
            }
            assertEquals(expected.size(), keys, "every word in exactly one task: " + sizes);

            JsonNode absent = JSON.readTree(dashboard(https, ui + "count?key=zebra", alice).body());
            assertTrue(absent.has("value") && absent.get("value").isNull(), absent::toString);
            HttpResponse<String> split = dashboard(https, ui + "split?key=apple", alice);
            assertEquals(404, split.statusCode());
            assertTrue(split.body().contains("no queryable state"), split.body());
            assertTrue(dashboard(https, ui + "nope", alice).body().contains("no component 'nope'"));
            assertEquals(404, dashboard(https, ui + "count?key=apple", mallory).statusCode(), "mallory sees nothing");
            assertEquals(401, dashboard(https, ui + "count?key=apple", "alice.wrong").statusCode());

            String api = "https://127.0.0.1:" + nimbusPort + "/api/v1/";
            JsonNode direct = JSON.readTree(nimbus.readState(NAME, "count", "pear"));
            assertEquals(expected.get("pear"), direct.get("value").asLong(), direct::toString);
            assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(api + "topologies/" + NAME
                    + "/state/count")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "no token");
            assertEquals(401, forgedAnswer(https, api, nimbus).statusCode(), "an answer not signed by the cluster");

            // Both workers: whichever runs the counter's tasks stops answering.
            Set<Long> workers = cluster.workerPids(NAME);
            assertEquals(2, workers.size());
            workers.forEach(pid -> ClusterLauncher.signal("STOP", pid));
            try {
                long asked = System.nanoTime();
                HttpResponse<String> late = dashboard(https, ui + "count?key=apple", alice);
                double secs = (System.nanoTime() - asked) / 1e9;
                assertEquals(504, late.statusCode(), late.body());
                assertTrue(late.body().contains("did not answer the query on the state of 'count'")
                        && late.body().contains("Retry"), late.body());
                System.out.printf("StateQueryClusterIT: every one of %d sentences acked %.1f s after the start; "
                        + "apple=%d in task %d, %d tasks; a query to stopped workers failed with 504 after %.1f s%n",
                        SENTENCES, acked, a.get("value").asLong(), a.get("task").asInt(), sizes.size(), secs);
            } finally {
                workers.forEach(pid -> ClusterLauncher.signal("CONT", pid));
            }
            Await.until(LONG, () -> dashboard(https, ui + "count?key=apple", alice).statusCode() == 200,
                    () -> "the query answered again once the worker runs");
        }
    }

    private static int supervisors(NimbusClient nimbus) {
        try {
            return ((List<?>) nimbus.getClusterInfo().get("supervisors")).size();
        } catch (Exception e) {
            return -1;
        }
    }

    /** A dashboard request as the user whose token is {@code token} (HTTP Basic, the token as the password). */
    private static HttpResponse<String> dashboard(HttpClient https, String url, String token) {
        String basic = Base64.getEncoder().encodeToString(("user:" + token).getBytes(StandardCharsets.UTF_8));
        try {
            return https.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        }
    }

    /** A state answer signed with a secret that is not the topology's. */
    private static HttpResponse<String> forgedAnswer(HttpClient https, String api, NimbusClient nimbus)
            throws Exception {
        String topologyId = String.valueOf(nimbus.getTopology(NAME).get("id"));
        byte[] body = ("{\"topology\": \"" + NAME + "\", \"worker\": \"127.0.0.1:1\", \"answers\": []}")
                .getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis();
        byte[] wrong = ClusterSecret.of("not-the-cluster-secret".getBytes(StandardCharsets.UTF_8))
                .topologySecret(topologyId);
        return https.send(HttpRequest.newBuilder(URI.create(api + "state-answers"))
                .header(WorkerSignature.TOPOLOGY_HEADER, topologyId)
                .header(WorkerSignature.TIME_HEADER, String.valueOf(now))
                .header(WorkerSignature.SIGNATURE_HEADER, WorkerSignature.sign(wrong, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
