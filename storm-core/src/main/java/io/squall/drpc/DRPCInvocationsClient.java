package io.squall.drpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.security.WorkerIdentity;
import io.squall.topology.DRPCRequest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A DRPC topology's connection to a DRPC server's HTTP API: {@code GET /invocations/<function>/fetch} (one
 * request, or with {@code ?max=N&waitMs=W} up to N of them, the server holding the call up to W ms when none waits),
 * {@code POST /invocations/result/<id>}, {@code POST /invocations/fail/<id>}. In a worker of a protected cluster
 * ({@link WorkerIdentity}) each request is signed with the topology's secret and sent over HTTPS when the cluster
 * uses TLS; elsewhere HTTPS follows {@code squall.tls.*} of the given configuration. Thread-safe.
 */
public class DRPCInvocationsClient implements DRPCInvocations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http;
    /** Who signs the requests, or null to send them unsigned. */
    private final WorkerIdentity identity;

    /** A client of the server at {@code host:port}, signing as this process's {@link WorkerIdentity} if any. */
    public DRPCInvocationsClient(Map<String, Object> conf, String host, int port) {
        this(conf, host, port, WorkerIdentity.current());
    }

    /** A client of the server at {@code host:port} signing as {@code identity} (null: unsigned). */
    public DRPCInvocationsClient(Map<String, Object> conf, String host, int port, WorkerIdentity identity) {
        this.identity = identity;
        TlsFiles tls = identity != null ? identity.tls() : SecuritySettings.tlsFiles(conf == null ? Map.of() : conf);
        this.base = (tls == null ? "http://" : "https://") + host + ":" + port;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(tls == null ? TIMEOUT : TIMEOUT.multipliedBy(2));
        if (tls != null) {
            b.sslContext(tls.jdkClient());
        }
        this.http = b.build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Sends {@code method path} with {@code body}, signed when this client has an identity. */
    private String send(String method, String path, byte[] body) {
        return send(method, path, body, TIMEOUT);
    }

    private String send(String method, String path, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (identity != null) {
            identity.sign(method, path, body, System.currentTimeMillis()).forEach(b::header);
        }
        HttpRequest request = b.build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("DRPC server " + base + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach DRPC server " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted talking to DRPC server " + base, e);
        }
    }

    @Override
    public DRPCRequest fetchRequest(String function) {
        String body = send("GET", "/invocations/" + enc(function) + "/fetch", new byte[0]);
        try {
            JsonNode n = JSON.readTree(body);
            return new DRPCRequest(n.path("args").asText(""), n.path("id").asText(""));
        } catch (IOException e) {
            throw new IllegalStateException("DRPC server " + base + " sent an unreadable request: " + body, e);
        }
    }

    @Override
    public List<DRPCRequest> fetchRequests(String function, int max, long waitMs) {
        String body = send("GET", "/invocations/" + enc(function) + "/fetch?max=" + max + "&waitMs=" + waitMs,
                new byte[0], TIMEOUT.plusMillis(waitMs));
        try {
            JsonNode requests = JSON.readTree(body).path("requests");
            if (!requests.isArray()) {
                throw new IllegalStateException("DRPC server " + base + " sent no list of requests: " + body);
            }
            List<DRPCRequest> ret = new ArrayList<>(requests.size());
            for (JsonNode n : requests) {
                ret.add(new DRPCRequest(n.path("args").asText(""), n.path("id").asText("")));
            }
            return ret;
        } catch (IOException e) {
            throw new IllegalStateException("DRPC server " + base + " sent unreadable requests: " + body, e);
        }
    }

    @Override
    public void result(String id, String result) {
        send("POST", "/invocations/result/" + enc(id), result.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void failRequest(String id) {
        send("POST", "/invocations/fail/" + enc(id), new byte[0]);
    }

    @Override
    public void close() {
    }
}
