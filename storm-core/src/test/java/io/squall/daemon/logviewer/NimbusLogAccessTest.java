package io.squall.daemon.logviewer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logviewer's access decisions against a stand-in for Nimbus's API on a free port, answering as Nimbus does:
 * 401 for an unknown token, 403 for a user who may not view the topology, 404 for an id it does not know (or hides).
 */
@Timeout(30)
class NimbusLogAccessTest {
    private static final Map<String, String> USERS = Map.of("alice.a", "alice", "bob.b", "bob", "ops.o", "ops",
            "carol.c", "carol");
    private HttpServer nimbus;
    private NimbusLogAccess access;

    @BeforeEach
    void startNimbus() throws IOException {
        nimbus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nimbus.createContext("/api/v1/", this::answer);
        nimbus.start();
        access = new NimbusLogAccess(new NimbusClient(List.of("127.0.0.1:" + nimbus.getAddress().getPort())),
                List.of("ops"), List.of("carol"));
    }

    @AfterEach
    void stopNimbus() {
        nimbus.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String user = auth == null ? null : USERS.get(auth.substring("Bearer ".length()));
        String path = ex.getRequestURI().getPath();
        int status;
        String body;
        if (user == null) {
            status = 401;
            body = "{\"error\":\"Authentication required: the request has a token that is not valid\"}";
        } else if (path.equals("/api/v1/cluster")) {
            status = 200;
            body = "{\"supervisors\":[]}";
        } else if (path.equals("/api/v1/code/wc-1700000000/conf")) {
            boolean viewer = user.equals("alice") || user.equals("ops");
            status = viewer ? 200 : 403;
            body = viewer ? "{}" : "{\"error\":\"User " + user + " may not download the code of wc\"}";
        } else {
            status = 404;
            body = "{\"error\":\"No topology with id\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static int status(Runnable check) {
        return assertThrows(LogRequestException.class, check::run).status();
    }

    @Test
    void aWorkerLogIsForTheUsersWhoMayViewItsTopology() {
        assertDoesNotThrow(() -> access.checkWorkerLog("alice.a", "wc-1700000000"));
        assertDoesNotThrow(() -> access.checkWorkerLog("ops.o", "wc-1700000000"));
        LogRequestException bob = assertThrows(LogRequestException.class,
                () -> access.checkWorkerLog("bob.b", "wc-1700000000"));
        assertEquals(403, bob.status());
        assertTrue(bob.getMessage().contains("topology.readers"), bob.getMessage());
        assertEquals(401, status(() -> access.checkWorkerLog("alice.wrong", "wc-1700000000")));
        assertEquals(401, status(() -> access.checkWorkerLog(null, "wc-1700000000")));
    }

    @Test
    void logsOfATopologyThatIsGoneAreForAdminsOnly() {
        assertDoesNotThrow(() -> access.checkWorkerLog("ops.o", "old-1600000000"));
        LogRequestException alice = assertThrows(LogRequestException.class,
                () -> access.checkWorkerLog("alice.a", "old-1600000000"));
        assertEquals(403, alice.status());
        assertTrue(alice.getMessage().contains("nimbus.admins"), alice.getMessage());
    }

    @Test
    void daemonLogsAreForAdminsAndLogsUsersWithATokenNimbusAccepts() {
        assertDoesNotThrow(() -> access.checkDaemonLog("ops.o"));
        assertDoesNotThrow(() -> access.checkDaemonLog("carol.c"));
        assertEquals(403, status(() -> access.checkDaemonLog("alice.a")));
        assertEquals(401, status(() -> access.checkDaemonLog("ops.forged")),
                "a token naming an admin is not enough: Nimbus must accept it");
        assertEquals(401, status(() -> access.checkDaemonLog("")));
    }

    @Test
    void anUnreachableNimbusRefusesRatherThanServes() {
        nimbus.stop(0);
        assertEquals(503, status(() -> access.checkWorkerLog("alice.a", "wc-1700000000")));
        assertEquals(503, status(() -> access.checkDaemonLog("ops.o")));
    }
}
