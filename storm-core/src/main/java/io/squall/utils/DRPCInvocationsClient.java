package io.squall.utils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.drpc.DRPCInvocations;
import io.squall.topology.DRPCRequest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A DRPC topology's connection to a DRPC server's HTTP API: {@code GET /invocations/<function>/fetch},
 * {@code POST /invocations/result/<id>}, {@code POST /invocations/fail/<id>}. Thread-safe.
 */
public class DRPCInvocationsClient implements DRPCInvocations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String base;
    private final HttpClient http;

    /** A client of the server at {@code host:port}. */
    public DRPCInvocationsClient(Map<String, Object> conf, String host, int port) {
        this.base = "http://" + host + ":" + port;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String send(HttpRequest request) {
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
        String body = send(HttpRequest.newBuilder(URI.create(base + "/invocations/" + enc(function) + "/fetch"))
                .timeout(TIMEOUT).GET().build());
        try {
            JsonNode n = JSON.readTree(body);
            return new DRPCRequest(n.path("args").asText(""), n.path("id").asText(""));
        } catch (IOException e) {
            throw new IllegalStateException("DRPC server " + base + " sent an unreadable request: " + body, e);
        }
    }

    @Override
    public void result(String id, String result) {
        send(HttpRequest.newBuilder(URI.create(base + "/invocations/result/" + enc(id))).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(result, StandardCharsets.UTF_8)).build());
    }

    @Override
    public void failRequest(String id) {
        send(HttpRequest.newBuilder(URI.create(base + "/invocations/fail/" + enc(id))).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    @Override
    public void close() {
    }
}
