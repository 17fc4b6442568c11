package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DRPC servers the dashboard lists: those of {@code drpc.servers} on {@code drpc.http.port}, as Storm configures
 * them. The dashboard asks each server for its request counts ({@code GET /api/v1/drpc}) when the page does; a
 * server that does not answer within {@link #TIMEOUT} is listed as down with the reason. On a protected cluster it
 * asks over HTTPS (trusting {@code squall.tls.ca}) with the daemons' token, which may read the counts but execute
 * nothing. Thread-safe.
 */
public final class DrpcServers {
    /** The key listing the DRPC servers' host names. */
    public static final String SERVERS = "drpc.servers";
    /** The key of their HTTP port. */
    public static final String PORT = "drpc.http.port";
    /** Storm's default DRPC HTTP port. */
    public static final int DEFAULT_PORT = 3774;
    /** How long the dashboard waits for one DRPC server. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> hosts;
    private final int port;
    private final HttpClient http;
    private final String scheme;
    /** The daemons' token, or null to send none. */
    private final String token;

    private DrpcServers(List<String> hosts, int port, TlsFiles tls, String token) {
        this.hosts = List.copyOf(hosts);
        this.port = port;
        this.scheme = tls == null ? "http://" : "https://";
        this.token = token;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (tls != null && !hosts.isEmpty()) {
            b.sslContext(tls.jdkClient());
        }
        this.http = hosts.isEmpty() ? null : b.build();
    }

    /** No DRPC servers (local mode, or a cluster without DRPC). */
    public static DrpcServers none() {
        return new DrpcServers(List.of(), DEFAULT_PORT, null, null);
    }

    /** As {@link #fromConfig(Map)}, asking protected servers as {@code security} allows (TLS, the daemons' token). */
    public static DrpcServers fromConfig(Map<String, Object> conf, SecuritySettings security) {
        DrpcServers plain = fromConfig(conf);
        return new DrpcServers(plain.hosts, plain.port, security.tls(), security.secret() == null ? null
                : security.secret().daemonToken());
    }

    /**
     * The servers of a daemon config: {@value #SERVERS} (a list of host names; none when unset) and
     * {@value #PORT} ({@value #DEFAULT_PORT} when unset).
     *
     * @throws IllegalArgumentException naming the key if a value has the wrong type
     */
    public static DrpcServers fromConfig(Map<String, Object> conf) {
        Object servers = conf.get(SERVERS);
        if (servers == null) {
            return none();
        }
        if (!(servers instanceof List<?> list)) {
            throw new IllegalArgumentException(SERVERS + " must be a list of host names, got " + servers);
        }
        Object port = conf.getOrDefault(PORT, DEFAULT_PORT);
        if (!(port instanceof Number n) || n.intValue() < 1 || n.intValue() > 65535) {
            throw new IllegalArgumentException(PORT + " must be a port number, got " + port);
        }
        List<String> hosts = new ArrayList<>();
        for (Object h : list) {
            hosts.add(String.valueOf(h));
        }
        return new DrpcServers(hosts, n.intValue(), null, null);
    }

    /**
     * One entry per server, in configured order: {@code server} (host:port), {@code up}, and when up the server's
     * counts ({@code requests}, {@code completed}, {@code failed}, {@code timedOut}, {@code waiting},
     * {@code badRequests}, and per function under {@code functions}), when down the {@code error}. Blocks up to
     * {@link #TIMEOUT} per server that does not answer; call it off the event loop.
     */
    public List<Map<String, Object>> status() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String h : hosts) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String server = h + ":" + port;
            entry.put("server", server);
            try {
                HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(scheme + server + "/api/v1/drpc"))
                        .timeout(TIMEOUT).GET();
                if (token != null) {
                    rb.header("Authorization", "Bearer " + token);
                }
                HttpResponse<String> res = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    entry.put("up", false);
                    entry.put("error", "HTTP " + res.statusCode() + " from /api/v1/drpc");
                } else {
                    entry.put("up", true);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> counts = JSON.readValue(res.body(), Map.class);
                    entry.putAll(counts);
                }
            } catch (IOException | IllegalArgumentException e) {
                entry.put("up", false);
                entry.put("error", String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                entry.put("up", false);
                entry.put("error", "interrupted");
            }
            out.add(entry);
        }
        return out;
    }
}
