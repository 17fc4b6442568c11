package io.squall.utils;

import com.sun.net.httpserver.HttpServer;
import io.squall.ILocalDRPC;
import io.squall.topology.DRPCRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's {@code DRPCClient.getConfiguredClient}: the server and port come from the configuration. */
class DRPCClientTest {
    @Test
    void withoutConfiguredServersItSaysWhatToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DRPCClient.getConfiguredClient(Map.of("drpc.servers", List.of())));
        assertTrue(e.getMessage().contains("drpc.servers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DRPCClient.getConfiguredClient(
                Map.of("drpc.servers", List.of("localhost"), "drpc.http.port", "http")));
        assertTrue(e.getMessage().contains("drpc.http.port"), e.getMessage());
    }

    @Test
    @Timeout(20)
    void aConfiguredClientCallsTheConfiguredServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/drpc/exclamation", exchange -> {
            byte[] body = (new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "!")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (DRPCClient client = DRPCClient.getConfiguredClient(Map.of("drpc.servers", List.of("127.0.0.1"),
                "drpc.http.port", server.getAddress().getPort()))) {
            assertEquals("aaa!", client.execute("exclamation", "aaa"));
            assertEquals("127.0.0.1", client.getHost());
            assertEquals(server.getAddress().getPort(), client.getPort());
        } finally {
            server.stop(0);
        }
    }

    @Test
    @SuppressWarnings("try")
    void underALocalOverrideConfiguredClientsCallTheLocalDrpc() {
        ILocalDRPC local = new ILocalDRPC() {
            @Override
            public String execute(String functionName, String funcArgs) {
                return functionName + "(" + funcArgs + ")";
            }

            @Override
            public String getServiceId() {
                return "test-drpc";
            }

            @Override
            public DRPCRequest fetchRequest(String functionName) {
                return null;
            }

            @Override
            public void result(String id, String result) {
            }

            @Override
            public void failRequest(String id) {
            }

            @Override
            public void close() {
            }
        };
        assertFalse(DRPCClient.isLocalOverride());
        try (DRPCClient.LocalOverride override = new DRPCClient.LocalOverride(local)) {
            assertTrue(DRPCClient.isLocalOverride());
            assertSame(local, DRPCClient.getLocalOverride());
            assertEquals("test-drpc", DRPCClient.getOverrideServiceId());
            try (DRPCClient client = DRPCClient.getConfiguredClient(Map.of())) {
                assertEquals("reach(http://x)", client.execute("reach", "http://x"));
            }
        }
        assertFalse(DRPCClient.isLocalOverride());
        assertEquals(null, DRPCClient.getOverrideServiceId());
    }
}
