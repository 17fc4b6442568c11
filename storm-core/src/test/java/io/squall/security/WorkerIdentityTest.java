package io.squall.security;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerIdentityTest {
    private final ClusterSecret cluster = ClusterSecret.of("a cluster secret of 32 bytes....".getBytes(
            StandardCharsets.UTF_8));

    private String check(Map<String, String> h, String method, String path, String body) {
        return WorkerSignature.check(cluster.topologySecret(h.get(WorkerSignature.TOPOLOGY_HEADER)),
                h.get(WorkerSignature.TIME_HEADER), h.get(WorkerSignature.SIGNATURE_HEADER),
                WorkerIdentity.requestData(method, path, body.getBytes(StandardCharsets.UTF_8)), 1_000);
    }

    @Test
    void aSignedRequestChecksOutForItsMethodPathAndBodyOnly() {
        WorkerIdentity w = new WorkerIdentity("t-1", cluster.topologySecret("t-1"), null);
        Map<String, String> h = w.sign("POST", "/invocations/result/7", "42".getBytes(StandardCharsets.UTF_8), 1_000);
        assertEquals("t-1", h.get(WorkerSignature.TOPOLOGY_HEADER));
        assertNull(check(h, "POST", "/invocations/result/7", "42"));
        assertNotNull(check(h, "POST", "/invocations/result/8", "42"), "another request id");
        assertNotNull(check(h, "POST", "/invocations/result/7", "43"), "another result");
        assertNotNull(check(h, "POST", "/invocations/fail/7", ""), "another path");
    }

    @Test
    void aWorkerWithoutSecretSignsNothingAndTheInstalledIdentityIsRemovedOnClose() {
        WorkerIdentity w = new WorkerIdentity("t-1", null, null);
        assertTrue(w.sign("GET", "/x", new byte[0], 1).isEmpty());
        WorkerIdentity.Installed installed = WorkerIdentity.install(w);
        assertEquals(w, WorkerIdentity.current());
        installed.close();
        assertNull(WorkerIdentity.current());
        assertFalse(new WorkerIdentity("t", new byte[32], null).toString().contains("0"),
                "toString hides the secret");
    }
}
