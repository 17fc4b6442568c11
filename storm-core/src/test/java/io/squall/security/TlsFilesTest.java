package io.squall.security;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsFilesTest {
    @TempDir
    Path dir;

    private Map<String, Object> conf(String provider) throws Exception {
        DevCerts.write(dir, List.of());
        Map<String, Object> c = new java.util.HashMap<>(Map.of("squall.tls.cert", dir.resolve(DevCerts.CERT).toString(),
                "squall.tls.key", dir.resolve(DevCerts.KEY).toString(),
                "squall.tls.ca", dir.resolve(DevCerts.CA).toString()));
        if (provider != null) {
            c.put("squall.tls.provider", provider);
        }
        return c;
    }

    @Test
    void usesBoringSslByDefaultWhereItsNativeLibraryLoads() throws Exception {
        assertTrue(OpenSsl.isAvailable(), "netty-tcnative-boringssl-static should load on the build machines: "
                + OpenSsl.unavailabilityCause());
        TlsFiles tls = SecuritySettings.tlsFiles(conf(null));
        assertEquals(SslProvider.OPENSSL, tls.nettyProvider());
        SslContext server = tls.nettyServer(true);
        SslContext client = tls.nettyClient();
        assertTrue(server.isServer() && client.isClient());
        assertTrue(server.cipherSuites().stream().anyMatch(c -> c.contains("AES_128_GCM")), server.cipherSuites()
                .toString());
    }

    @Test
    void theJdkEngineCanBeAskedFor() throws Exception {
        TlsFiles tls = SecuritySettings.tlsFiles(conf("JDK"));
        assertEquals(SslProvider.JDK, tls.nettyProvider());
        assertTrue(tls.nettyServer(false).isServer());
    }

    @Test
    void anUnknownProviderIsRefusedNamingTheChoices() throws Exception {
        Map<String, Object> c = conf("boring");
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> SecuritySettings.tlsFiles(c));
        assertTrue(e.getMessage().contains("squall.tls.provider") && e.getMessage().contains("openssl or jdk"),
                e.getMessage());
    }
}
