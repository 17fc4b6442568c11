package io.squall.daemon.drpc;

import io.squall.security.SecurityConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrpcServerTest {
    @Test
    void refusesToServeANonLoopbackAddressWithoutAuthenticationAndSaysWhatToSet() {
        SecurityConfigException e = assertThrows(SecurityConfigException.class,
                () -> DrpcServer.start(Map.of(DrpcServer.HOST, "0.0.0.0", DrpcServer.PORT, 0)));
        assertTrue(e.getMessage().contains("DRPC") && e.getMessage().contains("squall.auth.users.file")
                && e.getMessage().contains("squall.insecure"), e.getMessage());
    }
}
