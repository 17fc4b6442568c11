package io.squall.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void aTokenAuthenticatesItsUserAndOnlyItsUser() throws Exception {
        String alice = TokenStore.newToken("alice");
        String bob = TokenStore.newToken("bob");
        Path file = Files.writeString(dir.resolve("users"), "# users\n" + TokenStore.line(alice) + "\n\n"
                + TokenStore.line(bob) + "\n");
        TokenStore store = TokenStore.read(file, null);
        assertEquals(Optional.of("alice"), store.authenticate(alice));
        assertEquals(Optional.of("alice"), store.authenticate(alice), "remembered after the first check");
        assertEquals(Optional.of("bob"), store.authenticate(bob));
        assertEquals(Optional.empty(), store.authenticate(alice + "0"));
        assertEquals(Optional.empty(), store.authenticate("bob" + alice.substring(5)), "alice's secret as bob");
        assertEquals(Optional.empty(), store.authenticate("carol.00"));
        assertEquals(Optional.empty(), store.authenticate(""));
        assertEquals(Optional.empty(), store.authenticate(null));
    }

    @Test
    void theFileHoldsNoTokenOnlyASaltedHash() throws Exception {
        String token = TokenStore.newToken("alice");
        String line = TokenStore.line(token);
        assertFalse(line.contains(token.substring(6)), line);
        assertTrue(line.startsWith("alice:pbkdf2-sha256:" + TokenStore.ITERATIONS + ":"), line);
        assertFalse(line.equals(TokenStore.line(token)), "a new salt each time");
    }

    @Test
    void theDaemonTokenAuthenticatesTheDaemonUser() throws Exception {
        ClusterSecret secret = ClusterSecret.of("0123456789abcdef0123".getBytes());
        TokenStore store = TokenStore.read(Files.writeString(dir.resolve("users"), ""), secret.daemonToken());
        assertEquals(Optional.of(TokenStore.DAEMON_USER), store.authenticate(secret.daemonToken()));
        assertEquals(Optional.empty(), store.authenticate(ClusterSecret.of("another-secret-of-20".getBytes())
                .daemonToken()));
    }

    @Test
    void aBadLineIsRefusedNamingTheFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "# ok\nalice:plain:secret\n");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> TokenStore.read(file, null));
        assertTrue(e.getMessage().contains("Line 2") && e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("secret\n"), e.getMessage());
        Path daemon = Files.writeString(dir.resolve("daemon"), TokenStore.DAEMON_USER + ":pbkdf2-sha256:1:AA==:AA==\n");
        assertThrows(SecurityConfigException.class, () -> TokenStore.read(daemon, null));
        assertThrows(SecurityConfigException.class, () -> TokenStore.read(dir.resolve("missing"), null));
        assertThrows(SecurityConfigException.class, () -> TokenStore.newToken("no spaces"));
    }
}
