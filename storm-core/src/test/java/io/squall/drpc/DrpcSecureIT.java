package io.squall.drpc;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.security.ClusterSecret;
import io.squall.security.DevCerts;
import io.squall.security.DrpcAcl;
import io.squall.security.SecuritySettings;
import io.squall.security.TokenStore;
import io.squall.security.WorkerIdentity;
import io.squall.topology.AuthorizationException;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.DRPCClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A protected DRPC server (tokens, the ACL, signed invocations, TLS) serving a DRPC topology: the right token is
 * answered, a missing or wrong one refused and counted, a user the ACL does not list is forbidden, an invocation not
 * signed with a topology's secret is refused, and a plain-text client on the TLS port is closed.
 */
class DrpcSecureIT {
    /** Appends "!" to its argument. */
    public static class Exclaim extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(new Values(input.getValue(0), input.getString(1) + "!"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "result"));
        }
    }

    @Test
    @Timeout(120)
    void servesTheRightTokenAndRefusesEveryoneElse(@TempDir Path dir) throws Exception {
        DevCerts.write(dir, List.of());
        String alice = TokenStore.newToken("alice");
        String bob = TokenStore.newToken("bob");
        Path users = Files.writeString(dir.resolve("users"), TokenStore.line(alice) + "\n" + TokenStore.line(bob)
                + "\n");
        Map<String, Object> serverConf = new HashMap<>(Map.of(
                "squall.auth.users.file", users.toString(),
                "squall.cluster.secret.file", dir.resolve(DevCerts.SECRET).toString(),
                "squall.tls.cert", dir.resolve(DevCerts.CERT).toString(),
                "squall.tls.key", dir.resolve(DevCerts.KEY).toString(),
                "squall.tls.ca", dir.resolve(DevCerts.CA).toString(),
                DrpcAcl.ACL, Map.of("exclaim-alice", Map.of("client.users", List.of("alice")))));
        SecuritySettings security = SecuritySettings.of(serverConf);
        ClusterSecret secret = security.secret();
        String topologyId = "exclaim-1-1700000000";
        HttpClient plain = HttpClient.newHttpClient();
        // What a worker does before its executors start; the topology's DRPC spout and result bolt sign with it.
        WorkerIdentity.Installed worker = WorkerIdentity.install(new WorkerIdentity(topologyId,
                secret.topologySecret(topologyId), security.tls()));
        try (DrpcServer server = new DrpcServer("127.0.0.1", 0, 60_000, security,
                DrpcAcl.of(serverConf, security.admins()));
             LocalCluster cluster = new LocalCluster()) {
            Config conf = new Config();
            conf.put(DRPCSpout.SERVERS, List.of("127.0.0.1"));
            conf.put(DRPCSpout.PORT, server.port());
            for (String function : List.of("exclaim", "exclaim-alice")) {
                LinearDRPCTopologyBuilder b = new LinearDRPCTopologyBuilder(function);
                b.addBolt(new Exclaim(), 1);
                cluster.submitTopology(function, conf, b.createRemoteTopology());
            }

            assertEquals("hello!", client(dir, alice, server).execute("exclaim", "hello"), "alice's token");
            assertEquals("hi!", client(dir, bob, server).execute("exclaim", "hi"), "bob's token, open function");
            assertEquals("mine!", client(dir, alice, server).execute("exclaim-alice", "mine"), "alice is listed");

            AuthorizationException missing = assertThrows(AuthorizationException.class,
                    () -> client(dir, null, server).execute("exclaim", "x"));
            assertTrue(missing.getMessage().contains("no bearer token"), missing.getMessage());
            String wrong = alice.substring(0, alice.length() - 4) + "0000";
            AuthorizationException bad = assertThrows(AuthorizationException.class,
                    () -> client(dir, wrong, server).execute("exclaim", "x"));
            assertFalse(bad.getMessage().contains(wrong), "the refusal does not echo the token");
            AuthorizationException forbidden = assertThrows(AuthorizationException.class,
                    () -> client(dir, bob, server).execute("exclaim-alice", "x"));
            assertTrue(forbidden.getMessage().contains("bob is not among the client.users"), forbidden.getMessage());

            // Invocations: another cluster's topology secret, and none at all, are refused.
            byte[] otherSecret = ClusterSecret.of("another cluster's secret".getBytes()).topologySecret(topologyId);
            try (DRPCInvocationsClient forged = new DRPCInvocationsClient(Map.of(), "127.0.0.1", server.port(),
                    new WorkerIdentity(topologyId, otherSecret, security.tls()));
                 DRPCInvocationsClient unsigned = new DRPCInvocationsClient(tlsConf(dir), "127.0.0.1",
                         server.port(), null)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> forged.fetchRequest("exclaim"));
                assertTrue(e.getMessage().contains("401"), e.getMessage());
                e = assertThrows(IllegalStateException.class, () -> forged.fetchRequests("exclaim", 10, 0));
                assertTrue(e.getMessage().contains("401"), "a batch fetch is signed like the others: "
                        + e.getMessage());
                assertThrows(IllegalStateException.class, () -> unsigned.result("some-id", "forged result"));
            }

            // Plain text on the TLS port: the connection is closed, nothing is answered.
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/drpc/exclaim")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString()));

            Map<String, Long> counts = server.counts();
            assertEquals(2L, counts.get("unauthenticated"), counts.toString());
            assertEquals(1L, counts.get("forbidden"), counts.toString());
            assertEquals(3L, counts.get("forgedInvocations"), counts.toString());
            assertTrue(counts.get("tlsRefused") >= 1, counts.toString());
            assertEquals(3L, counts.get("completed"), counts.toString());
        } finally {
            worker.close();
        }
    }

    private static Map<String, Object> tlsConf(Path dir) {
        return Map.of("squall.tls.cert", dir.resolve(DevCerts.CERT).toString(),
                "squall.tls.key", dir.resolve(DevCerts.KEY).toString(),
                "squall.tls.ca", dir.resolve(DevCerts.CA).toString());
    }

    /** A client with the cluster's TLS settings and {@code token} in its credentials file (none if null). */
    private static DRPCClient client(Path dir, String token, DrpcServer server) throws IOException {
        Map<String, Object> conf = new HashMap<>(tlsConf(dir));
        Path credentials = Files.createTempFile(dir, "credentials", "");
        Files.writeString(credentials, token == null ? "# no token\n" : token + "\n");
        conf.put("squall.credentials.file", credentials.toString());
        return new DRPCClient(conf, "127.0.0.1", server.port());
    }
}
