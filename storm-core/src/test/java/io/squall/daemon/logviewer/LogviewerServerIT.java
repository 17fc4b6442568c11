package io.squall.daemon.logviewer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.config.DaemonConfig;
import io.squall.security.SecurityConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A logviewer on a temporary log root with real files, read over HTTP on a free port. */
@Timeout(60)
class LogviewerServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WC = "worker-wc-1700000000-6700.log";

    @TempDir
    Path dir;
    private Path root;
    private byte[] big;
    private LogviewerServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void writeLogs() throws IOException {
        root = Files.createDirectories(dir.resolve("logs"));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            b.append("line ").append(i).append(i == 3000 ? " ERROR boom" : " fine").append('\n');
        }
        big = b.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve(WC), big);
        Files.writeString(root.resolve("worker-wc-1700000000-6701.log"), "other port\n");
        Files.writeString(root.resolve("worker-secret-1700000001-6700.log"), "someone else's <b>topology</b>\n");
        Files.writeString(root.resolve("nimbus.log"), "nimbus started\nnimbus ERROR lost leadership\n");
        Files.writeString(dir.resolve("outside.txt"), "must never be served\n");
        Files.createSymbolicLink(root.resolve("worker-link-1700000002-6700.log"), dir.resolve("outside.txt"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(LogviewerSettings settings) {
        server = new LogviewerServer(settings);
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery.substring(1)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, null);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> object(HttpResponse<byte[]> r) throws IOException {
        return JSON.readValue(r.body(), new TypeReference<>() { });
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void listsPagesDownloadsAndSearchesRealFiles() throws Exception {
        start(LogviewerSettings.open(root, "127.0.0.1", 0));

        HttpResponse<byte[]> list = get("/api/v1/list-logs");
        assertEquals(200, list.statusCode());
        assertEquals(List.of("worker-secret-1700000001-6700.log", WC, "worker-wc-1700000000-6701.log"),
                JSON.readValue(list.body(), List.class), "the symlink out of the root is not listed");
        assertEquals(List.of(WC), JSON.readValue(get("/api/v1/list-logs?topology-id=wc-1700000000&port=6700")
                .body(), List.class));

        // The log page opens at the end, as Storm's; its HTML links to the previous page and is escaped.
        HttpResponse<byte[]> tail = get("/api/v1/log?file=" + WC);
        assertEquals(200, tail.statusCode());
        assertTrue(tail.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(text(tail).contains("line 3999 fine"), "the last line is on the default page");
        assertFalse(text(tail).contains("line 0 fine\n"));
        long prevStart = big.length - 2L * LogReader.DEFAULT_PAGE_BYTES;
        assertTrue(text(tail).contains("start=" + Math.max(0, prevStart)), "a link to the previous page");
        assertTrue(text(get("/api/v1/log?file=worker-secret-1700000001-6700.log")).contains("&lt;b&gt;topology"),
                "a log's text is escaped");

        Map<String, Object> page = object(get("/api/v1/log?file=" + WC + "&start=0&length=20&format=json"));
        assertEquals("line 0 fine\nline 1 f", page.get("content"));
        assertEquals(0, page.get("start"));
        assertEquals(20, page.get("length"));
        assertEquals(big.length, ((Number) page.get("fileLength")).intValue());
        Map<String, Object> huge = object(get("/api/v1/log?file=" + WC + "&start=0&length=999999999999&format=json"));
        assertEquals(big.length, huge.get("length"), "cut to the file (the cap is 1 MiB)");

        HttpResponse<byte[]> download = get("/api/v1/download?file=" + WC);
        assertEquals(200, download.statusCode());
        assertArrayEquals(big, download.body());
        assertTrue(download.headers().firstValue("content-disposition").orElse("").contains("attachment"));

        Map<String, Object> search = object(get("/api/v1/search?file=" + WC + "&search-string=" + q("ERROR boom")
                + "&num-matches=5"));
        List<?> matches = (List<?>) search.get("matches");
        assertEquals(1, matches.size());
        Map<?, ?> m = (Map<?, ?>) matches.get(0);
        int offset = new String(big, StandardCharsets.UTF_8).indexOf("ERROR boom");
        assertEquals(offset, ((Number) m.get("byteOffset")).intValue());
        assertEquals("ERROR boom", m.get("matchString"));
        assertTrue(((String) m.get("beforeString")).endsWith("line 3000 "));
        assertTrue(((String) m.get("afterString")).startsWith("\nline 3001 fine"));
        assertEquals("no", search.get("isDaemon"));
        assertFalse(search.containsKey("nextByteOffset"), "the whole file was searched");
        // The match's link opens a page holding it.
        String url = (String) m.get("logviewerURL");
        assertTrue(text(get(url)).contains("line 3000 ERROR boom"), url);

        HttpResponse<byte[]> daemon = get("/api/v1/daemonlog?file=nimbus.log");
        assertEquals(200, daemon.statusCode());
        assertTrue(text(daemon).contains("nimbus ERROR lost leadership"));
        Map<String, Object> daemonSearch = object(get("/api/v1/search?file=nimbus.log&is-daemon=yes&search-string=ERROR"));
        assertEquals(1, ((List<?>) daemonSearch.get("matches")).size());
        assertArrayEquals(Files.readAllBytes(root.resolve("nimbus.log")),
                get("/api/v1/daemondownload?file=nimbus.log").body());

        HttpResponse<byte[]> index = get("/");
        assertTrue(text(index).contains("/api/v1/log?file=" + WC) && text(index).contains("nimbus.log"));
    }

    @Test
    void listsAWorkersDumpsAndServesThem() throws Exception {
        String jstack = "worker-wc-1700000000-6700.log.jstack-20261204-195501-123.txt";
        Files.writeString(root.resolve(jstack), "Full thread dump\n");
        start(LogviewerSettings.open(root, "127.0.0.1", 0));
        HttpResponse<byte[]> dumps = get("/api/v1/dumps/wc-1700000000/127.0.0.1%3A6700");
        assertEquals(200, dumps.statusCode(), text(dumps));
        assertTrue(text(dumps).contains("/api/v1/download?file=" + jstack), text(dumps));
        assertTrue(!text(dumps).contains(WC + "\""), "the log itself is not a dump");
        assertTrue(text(get("/api/v1/dumps/wc-1700000000/127.0.0.1:6701")).contains("<li>none</li>"));
        assertEquals("Full thread dump\n", text(get("/api/v1/download?file=" + jstack)));
        HttpResponse<byte[]> bad = get("/api/v1/dumps/wc-1700000000");
        assertEquals(400, bad.statusCode());
        assertTrue(text(bad).contains("HOST:PORT"), text(bad));
    }

    @Test
    void refusesWhatIsOutsideTheRootOrMalformedNamingTheProblem() throws Exception {
        start(LogviewerSettings.open(root, "127.0.0.1", 0));
        Map<String, Integer> expected = Map.of(
                "/api/v1/log?file=" + q("../outside.txt"), 400,
                "/api/v1/download?file=" + q(dir.resolve("outside.txt").toString()), 400,
                "/api/v1/download?file=" + q("worker-link-1700000002-6700.log"), 403,
                "/api/v1/log?file=worker-none-1-6700.log", 404,
                "/api/v1/log?file=nimbus.log", 400,
                "/api/v1/daemonlog?file=" + WC, 400,
                "/api/v1/log?file=" + WC + "&start=-5", 400,
                "/api/v1/search?file=" + WC, 400,
                "/api/v1/log", 400,
                "/api/v1/nothing", 404);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<byte[]> r = get(e.getKey());
            assertEquals(e.getValue(), r.statusCode(), e.getKey() + " → " + text(r));
            Map<String, Object> body = object(r);
            assertEquals(e.getValue(), body.get("status"));
            assertFalse(((String) body.get("error")).isBlank());
            assertFalse(text(r).contains("must never be served"));
        }
        assertTrue(text(get("/api/v1/log?file=" + q("../outside.txt"))).contains("'..'"));
        assertTrue(text(get("/api/v1/download?file=" + q("worker-link-1700000002-6700.log")))
                .contains("symbolic link"));
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/v1/list-logs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
    }

    /** A stand-in for Nimbus's decisions: alice may read wc's logs, ops the daemons'; any other token is unknown. */
    private static final LogAccess ALICE_READS_WC = new LogAccess() {
        @Override
        public void checkWorkerLog(String token, String topologyId) {
            known(token);
            if (!topologyId.equals("wc-1700000000") && !token.startsWith("ops.")) {
                throw new LogRequestException(403, "not yours");
            }
        }

        @Override
        public void checkDaemonLog(String token) {
            known(token);
            if (!token.startsWith("ops.")) {
                throw new LogRequestException(403, "admins only");
            }
        }

        private void known(String token) {
            if (!Arrays.asList("alice.secret", "ops.secret").contains(token)) {
                throw new LogRequestException(401, "Authentication required: unknown token");
            }
        }
    };

    @Test
    void withSecurityOnEveryRequestNeedsATokenAndOnlyPermittedLogsAreServed() throws Exception {
        LogviewerSettings open = LogviewerSettings.open(root, "127.0.0.1", 0);
        start(new LogviewerSettings(root, "127.0.0.1", 0, open.maxPageBytes(), open.maxScanBytes(), true, null,
                ALICE_READS_WC, null));
        for (String path : List.of("/", "/api/v1/list-logs", "/api/v1/log?file=" + WC, "/api/v1/download?file=" + WC,
                "/api/v1/daemonlog?file=nimbus.log", "/api/v1/search?file=" + WC + "&search-string=x")) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"));
            assertFalse(text(r).contains("line 1 fine"));
        }
        assertEquals(6, server.unauthenticated());
        assertEquals(401, get("/api/v1/log?file=" + WC, "mallory.guess").statusCode());

        assertEquals(200, get("/api/v1/log?file=" + WC, "alice.secret").statusCode());
        HttpResponse<byte[]> basic = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/v1/log?file=" + WC))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "alice:alice.secret".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, basic.statusCode(), "the browser's Basic sign-in, token as the password");
        assertEquals(403, get("/api/v1/log?file=worker-secret-1700000001-6700.log", "alice.secret").statusCode());
        assertEquals(403, get("/api/v1/download?file=worker-secret-1700000001-6700.log", "alice.secret").statusCode());
        assertEquals(403, get("/api/v1/daemonlog?file=nimbus.log", "alice.secret").statusCode());
        assertEquals(List.of(WC, "worker-wc-1700000000-6701.log"),
                JSON.readValue(get("/api/v1/list-logs", "alice.secret").body(), List.class),
                "alice's listing leaves out the topology she may not view");
        assertEquals(403, get("/api/v1/list-logs?topology-id=secret-1700000001", "alice.secret").statusCode());
        assertFalse(text(get("/", "alice.secret")).contains("nimbus.log"));

        assertEquals(200, get("/api/v1/daemonlog?file=nimbus.log", "ops.secret").statusCode());
        assertEquals(3, JSON.readValue(get("/api/v1/list-logs", "ops.secret").body(), List.class).size());
    }

    @Test
    void refusesToServeBeyondLoopbackWithoutSecurityUnlessInsecureIsSet() throws Exception {
        SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> LogviewerSettings.of(
                DaemonConfig.load(null, List.of("logviewer.host=0.0.0.0", "squall.logs.dir=" + root))));
        assertTrue(e.getMessage().contains("The logviewer") && e.getMessage().contains("squall.insecure"),
                e.getMessage());
        LogviewerSettings insecure = LogviewerSettings.of(DaemonConfig.load(null, List.of("logviewer.host=0.0.0.0",
                "logviewer.port=0", "squall.insecure=true", "squall.logs.dir=" + root)));
        assertFalse(insecure.requireCredential());
        LogviewerSettings loopback = LogviewerSettings.of(DaemonConfig.load(null, List.of("logviewer.port=0",
                "logviewer.max.page.bytes=100", "squall.logs.dir=" + root)));
        start(loopback);
        Map<String, Object> page = object(get("/api/v1/log?file=" + WC + "&format=json&length=100000"));
        assertEquals(100, page.get("length"), "logviewer.max.page.bytes caps a page");
    }
}
