package io.squall.security;

import io.squall.config.DaemonConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecuritySettingsTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultsConfigureNothingAndLoopbackNeedsNothing() {
        SecuritySettings s = SecuritySettings.of(DaemonConfig.load(null, List.of()));
        assertFalse(s.authenticates());
        assertNull(s.secret());
        assertNull(s.tls());
        assertEquals(Authorizer.OPEN, s.authorizer());
        assertDoesNotThrow(() -> s.checkBind("Nimbus", "127.0.0.1", false, "x"));
        assertDoesNotThrow(() -> s.checkBind("Nimbus", "localhost", false, "x"));
    }

    @Test
    void aDaemonOnANonLoopbackAddressWithoutAuthenticationRefusesToStartAndSaysWhy() {
        SecuritySettings s = SecuritySettings.of(DaemonConfig.load(null, List.of()));
        SecurityConfigException e = assertThrows(SecurityConfigException.class,
                () -> s.checkBind("Nimbus", "0.0.0.0", false, "squall.auth.users.file"));
        assertTrue(e.getMessage().contains("0.0.0.0") && e.getMessage().contains("squall.insecure")
                && e.getMessage().contains("squall.auth.users.file"), e.getMessage());
        assertDoesNotThrow(() -> s.checkBind("Nimbus", "0.0.0.0", true, "x"));
        SecuritySettings insecure = SecuritySettings.of(DaemonConfig.load(null, List.of("squall.insecure=true")));
        assertDoesNotThrow(() -> insecure.checkBind("Nimbus", "0.0.0.0", false, "x"));
    }

    @Test
    void secretsComeFromFilesAndNeverShow() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "a-cluster-secret-of-some-length\n");
        Path users = Files.writeString(dir.resolve("users"), TokenStore.line(TokenStore.newToken("alice")) + "\n");
        SecuritySettings s = SecuritySettings.of(Map.of("squall.cluster.secret.file", secret.toString(),
                "squall.auth.users.file", users.toString(), "nimbus.admins", List.of("root")));
        assertTrue(s.authenticates());
        assertEquals(ClusterSecret.of("a-cluster-secret-of-some-length".getBytes()), s.secret());
        assertFalse(s.toString().contains("a-cluster-secret"), s.toString());
        assertFalse(s.secret().toString().contains("a-cluster-secret"));
        assertTrue(s.authorizer().isAdmin("root"));
        assertEquals(java.util.Set.of("alice"), s.tokenStore().users());
    }

    @Test
    void missingOrShortFilesAreRefusedNamingTheKey() throws Exception {
        SecurityConfigException missing = assertThrows(SecurityConfigException.class, () -> SecuritySettings.of(
                Map.of("squall.cluster.secret.file", dir.resolve("nope").toString())));
        assertTrue(missing.getMessage().contains("squall.cluster.secret.file"), missing.getMessage());
        Path shortSecret = Files.writeString(dir.resolve("short"), "abc");
        assertThrows(SecurityConfigException.class, () -> SecuritySettings.of(
                Map.of("squall.cluster.secret.file", shortSecret.toString())));
        SecurityConfigException tls = assertThrows(SecurityConfigException.class, () -> SecuritySettings.of(
                Map.of("squall.tls.cert", dir.resolve("cert.pem").toString())));
        assertTrue(tls.getMessage().contains("squall.tls"), tls.getMessage());
    }

    @Test
    void theCredentialComesFromTheEnvironmentFirstThenTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "# my token\n  alice.abc  \n");
        assertEquals("alice.abc", ClientCredentials.token(file.toString(), Map.of()));
        assertEquals("bob.def", ClientCredentials.token(file.toString(), Map.of("SQUALL_TOKEN", "bob.def")));
        assertNull(ClientCredentials.token(dir.resolve("none").toString(), Map.of()));
        assertNull(ClientCredentials.token(null, Map.of()));
    }
}
