package io.squall.utils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.ILocalDRPC;
import io.squall.config.ConfigKeys;
import io.squall.security.ClientCredentials;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.topology.AuthorizationException;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs DRPC functions on a DRPC server ({@code bin/squall drpc}): {@code POST /drpc/<function>} with the arguments
 * as the body, the result as the answer; under a {@link LocalOverride}, configured clients call the local DRPC
 * instead. Thread-safe; one client serves many concurrent requests.
 *
 * <p>On a protected cluster the client sends the user's token, from the {@code SQUALL_TOKEN} environment variable
 * or else the credentials file ({@code squall.credentials.file}, {@code ~/.squall/credentials}), as the other
 * clients do, and speaks HTTPS trusting {@code squall.tls.ca} when {@code squall.tls.*} is set in the configuration
 * it is given (pass the cluster's, {@link Utils#readStormConfig()}, or use {@link #getConfiguredClient}).
 *
 * <pre>{@code
 * try (DRPCClient client = new DRPCClient(conf, "drpc1", 3774)) {
 *     String reach = client.execute("reach", "http://example.com/post");
 * }
 * }</pre>
 */
public class DRPCClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The DRPC server's HTTP port when {@code drpc.http.port} is not set. */
    private static final int DEFAULT_PORT = 3774;

    /** The local DRPC that configured clients and cluster DRPC spouts use instead of servers, or null. */
    private static volatile ILocalDRPC localOverride;

    private final String base;
    /** The server's host and port; null and 0 for a local DRPC. */
    private final String host;
    private final int port;
    private final HttpClient http;
    private final Duration timeout;
    /** The user's token, or null to send none. */
    private final String token;
    /** The local DRPC this client calls instead of a server, or null. */
    private final ILocalDRPC local;

    /** A client of the server at {@code host:port}, waiting as long as the server's request timeout. */
    public DRPCClient(Map<String, Object> conf, String host, int port) {
        this(conf, host, port, null);
    }

    /**
     * A client of the server at {@code host:port}.
     *
     * @param timeoutMs how long to wait for an answer, or null for the server's request timeout plus a margin
     */
    public DRPCClient(Map<String, Object> conf, String host, int port, Integer timeoutMs) {
        Map<String, Object> c = conf == null ? Map.of() : conf;
        TlsFiles tls = SecuritySettings.tlsFiles(c);
        this.base = (tls == null ? "http://" : "https://") + host + ":" + port;
        this.host = host;
        this.port = port;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(tls == null ? 10 : 20));
        if (tls != null) {
            b.sslContext(tls.jdkClient());
        }
        this.http = b.build();
        this.timeout = timeoutMs == null ? Duration.ofDays(1) : Duration.ofMillis(timeoutMs);
        this.local = null;
        Object file = c.getOrDefault(ConfigKeys.SQUALL_CREDENTIALS_FILE.name(),
                ConfigKeys.SQUALL_CREDENTIALS_FILE.defaultValue());
        this.token = ClientCredentials.token(file == null ? null : String.valueOf(file), System.getenv());
    }

    private DRPCClient(ILocalDRPC local) {
        this.base = "local DRPC " + local.getServiceId();
        this.host = null;
        this.port = 0;
        this.http = null;
        this.timeout = null;
        this.local = local;
        this.token = null;
    }

    /** Whether a {@link LocalOverride} is in force: local mode ({@code bin/squall local}) runs DRPC in-process. */
    public static boolean isLocalOverride() {
        return localOverride != null;
    }

    /** The service id of the local DRPC of the {@link LocalOverride} in force, or null, as Storm's. */
    public static String getOverrideServiceId() {
        ILocalDRPC drpc = localOverride;
        return drpc == null ? null : drpc.getServiceId();
    }

    /** The DRPC server's host; null for a client of a local DRPC. */
    public String getHost() {
        return host;
    }

    /** The DRPC server's HTTP port; 0 for a client of a local DRPC. */
    public int getPort() {
        return port;
    }

    /** The local DRPC of the {@link LocalOverride} in force, or null. */
    public static ILocalDRPC getLocalOverride() {
        return localOverride;
    }

    /**
     * While open, {@link #getConfiguredClient} answers clients of {@code drpc}, and DRPC spouts of topologies built
     * for a cluster ({@code createRemoteTopology}, {@code newDRPCStream(function)}) take their requests from it:
     * what {@code bin/squall local} does so that a topology written for a cluster runs in local mode unchanged.
     */
    public static final class LocalOverride implements AutoCloseable {
        /** Routes configured DRPC clients and spouts to {@code drpc} until closed. */
        public LocalOverride(ILocalDRPC drpc) {
            if (drpc == null) {
                throw new IllegalArgumentException("LocalOverride needs a local DRPC, got null");
            }
            localOverride = drpc;
        }

        @Override
        public void close() {
            localOverride = null;
        }
    }

    /**
     * A client of one of the DRPC servers the configuration names ({@code drpc.servers}, picked at random) on
     * {@code drpc.http.port} (default 3774). Keys missing from {@code conf} are read from the cluster's
     * configuration ({@link Utils#readStormConfig()}), as topologies' {@code Config} rarely holds them.
     *
     * @throws IllegalArgumentException if no DRPC server is configured, or the port is not a number
     */
    public static DRPCClient getConfiguredClient(Map<String, Object> conf) {
        ILocalDRPC override = localOverride;
        if (override != null) {
            return new DRPCClient(override);
        }
        Map<String, Object> c = new HashMap<>(Utils.readStormConfig());
        if (conf != null) {
            c.putAll(conf);
        }
        Object servers = c.get("drpc.servers");
        if (!(servers instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("No DRPC server configured: set drpc.servers (a list of hosts) in "
                    + "squall.yaml or in the configuration given to DRPCClient.getConfiguredClient, got " + servers);
        }
        Object port = c.getOrDefault("drpc.http.port", DEFAULT_PORT);
        if (!(port instanceof Number n)) {
            throw new IllegalArgumentException("drpc.http.port must be a number, got " + port);
        }
        String host = String.valueOf(list.get(ThreadLocalRandom.current().nextInt(list.size())));
        return new DRPCClient(c, host, n.intValue());
    }

    /**
     * The result of {@code func} on {@code args}.
     *
     * @throws DRPCExecutionException if the request times out, its topology fails it, or the server cannot be
     *                                reached
     * @throws AuthorizationException  if the server refuses the client's token (none, or a wrong one) or the user
     *                                may not execute {@code func}
     */
    public String execute(String func, String args) {
        if (local != null) {
            return local.execute(func, args);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + "/drpc/" + URLEncoder.encode(func,
                StandardCharsets.UTF_8))).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(args, StandardCharsets.UTF_8));
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        HttpRequest req = rb.build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.http.HttpTimeoutException e) {
            throw new DRPCExecutionException("Timed out waiting for the result of " + func + " from " + base,
                    DRPCExceptionType.SERVER_TIMEOUT);
        } catch (IOException e) {
            throw new DRPCExecutionException("Cannot reach DRPC server " + base + ": " + e.getMessage(),
                    DRPCExceptionType.INTERNAL_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DRPCExecutionException("Interrupted waiting for " + func, DRPCExceptionType.INTERNAL_ERROR);
        }
        if (r.statusCode() == 200) {
            return r.body();
        }
        DRPCExceptionType type = DRPCExceptionType.INTERNAL_ERROR;
        String msg = r.body();
        try {
            JsonNode n = JSON.readTree(r.body());
            msg = n.path("error").asText(msg);
            type = DRPCExceptionType.valueOf(n.path("type").asText("INTERNAL_ERROR"));
        } catch (IOException | IllegalArgumentException e) {
            // not a JSON error: keep the body as the message
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new AuthorizationException("DRPC server " + base + " refused " + func + ": " + msg);
        }
        throw new DRPCExecutionException(msg, type);
    }

    @Override
    public void close() {
    }
}
