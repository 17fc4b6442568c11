package io.squall.daemon.ui;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DashboardCredentialTest {
    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTokenIsTheBearerOrTheBasicPassword() {
        assertEquals("alice.abc", DashboardServer.tokenOf("Bearer alice.abc"));
        assertEquals("alice.abc", DashboardServer.tokenOf("bearer  alice.abc "));
        assertEquals("alice.abc", DashboardServer.tokenOf(basic("alice:alice.abc")));
        assertEquals("alice.abc", DashboardServer.tokenOf(basic("anything:alice.abc")));
    }

    @Test
    void noUsableCredentialIsNoToken() {
        assertNull(DashboardServer.tokenOf(null));
        assertNull(DashboardServer.tokenOf("Bearer "));
        assertNull(DashboardServer.tokenOf(basic("alice:")));
        assertNull(DashboardServer.tokenOf(basic("no colon")));
        assertNull(DashboardServer.tokenOf("Basic !!not base64!!"));
        assertNull(DashboardServer.tokenOf("Digest whatever"));
    }
}
