package io.squall.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class WorkerSignatureTest {
    private final ClusterSecret secret = ClusterSecret.of("0123456789abcdef0123".getBytes());
    private final byte[] body = "{\"topology\":\"wc\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReportSignedWithItsTopologysSecretPassesAndAnythingElseIsRefused() {
        byte[] a = secret.topologySecret("wc-1");
        String sig = WorkerSignature.sign(a, 1000, body);
        assertNull(WorkerSignature.check(a, "1000", sig, body, 2000));
        assertNotNull(WorkerSignature.check(secret.topologySecret("other-2"), "1000", sig, body, 2000));
        assertNotNull(WorkerSignature.check(a, "1001", sig, body, 2000), "time is signed");
        assertNotNull(WorkerSignature.check(a, "1000", sig, "{}".getBytes(), 2000), "body is signed");
        assertNotNull(WorkerSignature.check(a, "1000", sig, body, 1000 + WorkerSignature.MAX_SKEW_MS + 1));
        assertNotNull(WorkerSignature.check(a, null, null, body, 2000));
        assertNotNull(WorkerSignature.check(a, "x", "zz", body, 2000));
    }

    @Test
    void topologySecretsDifferByTopologyAndByClusterAndAreStable() {
        assertArrayEquals(secret.topologySecret("a"), secret.topologySecret("a"));
        assertFalse(java.util.Arrays.equals(secret.topologySecret("a"), secret.topologySecret("b")));
        assertFalse(java.util.Arrays.equals(secret.topologySecret("a"),
                ClusterSecret.of("another-secret-of-20".getBytes()).topologySecret("a")));
    }
}
