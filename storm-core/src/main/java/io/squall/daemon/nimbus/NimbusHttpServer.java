package io.squall.daemon.nimbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.ssl.SslContext;
import io.squall.blobstore.LocalFsBlobStore;
import io.squall.metrics.aggregate.Window;
import io.squall.runtime.tap.TapKey;
import io.squall.security.ClusterSecret;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.security.TlsGuard;
import io.squall.security.TokenStore;
import io.squall.security.WorkerSignature;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nimbus's HTTP/JSON API on Netty. Requests run on a small pool, off the event loop, since they talk to
 * ZooKeeper. Every error is a JSON {@code {"error": "..."}} with a 4xx/5xx status naming what is wrong;
 * bad requests are logged and counted, and never stop the daemon.
 *
 * <pre>
 *   GET  /api/v1/cluster                          this Nimbus, its version, the leader, every Nimbus, supervisors
 *   GET  /api/v1/conf                             this Nimbus's configuration without secrets: {"conf": {KEY: VALUE},
 *                                                 "withheld": [KEY]} (the keys naming a password, secret or token)
 *   POST /api/v1/jars                             body: a topology JAR; answers {"jar": uploadId}
 *   POST /api/v1/topologies                       {"name", "jar", "topology" (base64), "conf"[, "inactive": true]
 *                                                 [, "creds": {K: V}]}; answers {"id", "workers",
 *                                                 "workersRequested", "executors"}
 *   GET  /api/v1/topologies                       every topology
 *   GET  /api/v1/topologies/NAME                  one topology
 *   POST /api/v1/topologies/NAME/kill?wait=SECS
 *   POST /api/v1/topologies/NAME/activate | deactivate
 *   POST /api/v1/topologies/NAME/debug            {"enable": B[, "component": C][, "samplingPercentage": P]}: Storm's
 *                                                 debug (event logging); answers what is debugged, by component
 *   POST /api/v1/topologies/NAME/profile          {"worker": "HOST:PORT", "action": A[, "minutes": N]}: Storm's
 *                                                 profiling actions (dumpjstack, dumpheap, restartworker, start,
 *                                                 dumpprofile, stop), carried out by the worker
 *   POST /api/v1/topologies/NAME/log-levels       {"set": {"LOGGER": "LEVEL[:SECS]"}, "reset": ["LOGGER"]}; answers
 *                                                 the levels in force {"LOGGER": {"level", "untilMs"}}
 *   GET  /api/v1/topologies/NAME/log-levels       the levels in force, as the POST answers them
 *   POST /api/v1/topologies/NAME/credentials      {"creds": {K: V}[, "owner": USER]}: Storm's uploadNewCredentials
 *                                                 (403 when the topology's owner is not USER); answers the keys
 *   POST /api/v1/topologies/NAME/rebalance        {"workers": n, "executors": {"component": n}}; answers
 *                                                 {"workers" (got), "workersRequested", "executors"}
 *   GET  /api/v1/code/TOPOLOGY_ID/jar | topology | conf
 *   POST /api/v1/metrics                          body: a worker's metrics snapshot (JSON)
 *   GET  /api/v1/topologies/NAME/metrics?window=10m|3h|1d|all   aggregated metrics (null before any report)
 *   GET  /api/v1/topologies/NAME/snapshots        the latest snapshot of each worker
 *   GET  /api/v1/topologies/NAME/components       components, parallelism, inputs and where each executor runs
 *   GET  /api/v1/topologies/NAME/state/COMPONENT[?key=K]   a stateful bolt's committed value for K and the task
 *                                                 holding it, or without a key each task's state size; read from
 *                                                 the workers after their next metrics report (504 if one does not
 *                                                 answer in time)
 *   POST /api/v1/state-answers                    body: a worker's answers to the state queries of its last report
 *   GET  /api/v1/blobs                            every blob key
 *   GET  /api/v1/blobs/KEY                        the blob's content, its version in X-Squall-Blob-Version
 *   POST /api/v1/blobs/KEY?acl=ACLS[&amp;replication=N]   body: the content; creates the blob (409 if the key has one)
 *   PUT  /api/v1/blobs/KEY                        body: the new content; answers {"version"}
 *   DELETE /api/v1/blobs/KEY
 *   GET | POST /api/v1/blobs/KEY/meta             {"acl": ["u:alice:rwa", "o::r--"], "replication", "version"}
 * </pre>
 *
 * <p>With authentication on, every request but a worker's report (metrics, taps, state answers) carries
 * {@code Authorization: Bearer TOKEN} (a user's, or the daemons'); one without a valid token gets 401, is logged
 * without the token and counted ({@code security.unauthenticated} in {@code GET cluster}). A worker's report is signed with its topology's secret
 * instead ({@link WorkerSignature}); a forged one gets 401 and is counted ({@code security.forgedReports}). A user
 * who may not take an action on a topology gets 403 ({@code security.forbidden}). With TLS on, the API is HTTPS
 * only; a plain-text client's connection is closed ({@code security.tlsRefused}).
 */
public final class NimbusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NimbusHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v1/";

    private final Nimbus nimbus;
    private final EventLoopGroup group;
    private final ExecutorService pool;
    private final Channel channel;
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong forgedReports = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private final AtomicLong tlsRefused = new AtomicLong();
    /** The users' tokens, or null when authentication is off. */
    private final TokenStore tokens;
    /** The cluster secret that workers' topology secrets derive from, or null. */
    private final ClusterSecret secret;

    NimbusHttpServer(Nimbus nimbus, String host, int port, int maxUploadBytes, SecuritySettings security)
            throws InterruptedException {
        this.nimbus = nimbus;
        this.tokens = security.authenticates() ? security.tokenStore() : null;
        this.secret = security.secret();
        SslContext tls = security.tls() == null ? null : security.tls().nettyServer(false);
        this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("nimbus-http", true));
        this.pool = Executors.newFixedThreadPool(4, new DefaultThreadFactory("nimbus-api", true));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(TlsFiles.serverHandler(tls, ch), new TlsGuard("Nimbus API",
                                    tlsRefused));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxUploadBytes),
                                new Handler());
                    }
                });
        try {
            this.channel = b.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully();
            pool.shutdownNow();
            throw e;
        }
    }

    /** The bound port. */
    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The security counters, for {@code GET cluster}. */
    Map<String, Long> securityCounters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("unauthenticated", unauthenticated.get());
        m.put("forgedReports", forgedReports.get());
        m.put("forbidden", forbidden.get());
        m.put("tlsRefused", tlsRefused.get());
        return m;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully();
        pool.shutdownNow();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                respond(ctx, req, 400, error("Malformed HTTP request: " + req.decoderResult().cause()));
                return;
            }
            String user;
            try {
                user = authenticate(req);
            } catch (NimbusException e) {
                respond(ctx, req, e.status(), error(e.getMessage()));
                return;
            }
            req.retain();
            pool.execute(() -> {
                boolean releaseNow = true;
                try {
                    Object answer = route(req, user);
                    if (answer instanceof CompletableFuture<?> later) {
                        // Answered when the workers have (a state query): no pool thread waits for them.
                        releaseNow = false;
                        later.whenComplete((body, failure) -> {
                            try {
                                if (failure == null) {
                                    respond(ctx, req, 200, body);
                                } else {
                                    respondFailure(ctx, req, failure instanceof CompletionException c
                                            && c.getCause() != null ? c.getCause() : failure);
                                }
                            } finally {
                                req.release();
                            }
                        });
                    } else {
                        respond(ctx, req, 200, answer);
                    }
                } catch (RuntimeException | IOException e) {
                    respondFailure(ctx, req, e);
                } finally {
                    if (releaseNow) {
                        req.release();
                    }
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.info("Closing API connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** Answers a request that failed: a {@link NimbusException} with its status (logged and counted), else 500. */
    private void respondFailure(ChannelHandlerContext ctx, FullHttpRequest req, Throwable failure) {
        if (failure instanceof NimbusException e) {
            if (e.status() == 401) {
                LOG.warn("Refused {} {}: {} ({} refused so far)", req.method(), req.uri(), e.getMessage(),
                        forgedReports.incrementAndGet());
            } else if (e.status() == 403) {
                LOG.warn("Forbidden {} {}: {} ({} forbidden so far)", req.method(), new QueryStringDecoder(
                        req.uri()).path(), e.getMessage(), forbidden.incrementAndGet());
            } else if (e.status() < 500) {
                LOG.info("Refused {} {}: {} ({} refused so far)", req.method(), req.uri(), e.getMessage(),
                        badRequests.incrementAndGet());
            } else {
                LOG.warn("Could not serve {} {}: {}", req.method(), req.uri(), e.getMessage());
            }
            respond(ctx, req, e.status(), e instanceof NoFreeSlotException n ? n.body() : e.reason() != null
                    ? Map.of("error", String.valueOf(e.getMessage()), "reason", e.reason()) : error(e.getMessage()));
            return;
        }
        LOG.error("Request {} {} failed", req.method(), req.uri(), failure);
        respond(ctx, req, 500, error("Nimbus failed: " + failure));
    }

    /**
     * The user a request comes from: null when authentication is off or for a worker's signed metrics or tap report.
     *
     * @throws NimbusException 401 naming what is missing or wrong, never the credential itself
     */
    private String authenticate(FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        if (secret != null && (path.equals(PREFIX + "metrics") || path.equals(PREFIX + "taps")
                || path.equals(PREFIX + "state-answers"))) {
            String topologyId = req.headers().get(WorkerSignature.TOPOLOGY_HEADER);
            String why = topologyId == null ? "it names no topology (" + WorkerSignature.TOPOLOGY_HEADER + ")"
                    : WorkerSignature.check(secret.topologySecret(topologyId), req.headers().get(
                            WorkerSignature.TIME_HEADER), req.headers().get(WorkerSignature.SIGNATURE_HEADER),
                            ByteBufUtil.getBytes(req.content()), System.currentTimeMillis());
            if (why != null) {
                long n = forgedReports.incrementAndGet();
                LOG.warn("Refused a worker report from {} for topology {}: {} ({} refused so far)",
                        remote(req), topologyId, why, n);
                throw new NimbusException(401, "Worker report refused: " + why);
            }
            req.headers().set(VERIFIED_TOPOLOGY, topologyId);
            return null;
        }
        if (tokens == null) {
            return null;
        }
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        var user = tokens.authenticate(token);
        if (user.isEmpty()) {
            long n = unauthenticated.incrementAndGet();
            String why = token == null ? "no bearer token" : "a token that is not valid";
            LOG.warn("Unauthenticated {} {}: {} ({} so far)", req.method(), path, why, n);
            throw new NimbusException(401, "Authentication required: the request has " + why + ". Put your token in "
                    + "~/.squall/credentials or SQUALL_TOKEN (bin/squall add-user makes one)");
        }
        return user.get();
    }

    /** A header Nimbus sets on a report whose signature it checked, naming the signing topology. */
    private static final String VERIFIED_TOPOLOGY = "X-Squall-Verified-Topology";

    private static String remote(FullHttpRequest req) {
        return req.headers().get(HttpHeaderNames.HOST, "?");
    }

    private Object route(FullHttpRequest req, String user) throws IOException {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String path = q.path();
        if (!path.startsWith(PREFIX)) {
            throw new NimbusException(404, "No API at " + path + "; the API is under " + PREFIX);
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        HttpMethod m = req.method();
        switch (parts[0]) {
            case "cluster" -> {
                expect(m, HttpMethod.GET, path);
                Map<String, Object> cluster = new LinkedHashMap<>(nimbus.cluster());
                cluster.put("security", securityCounters());
                return cluster;
            }
            case "conf" -> {
                expect(m, HttpMethod.GET, path);
                return nimbus.conf();
            }
            case "history" -> {
                expect(m, HttpMethod.GET, path);
                List<String> who = q.parameters().get("user");
                return nimbus.topologyHistory(user, who == null || who.isEmpty() ? null : who.get(0));
            }
            case "jars" -> {
                expect(m, HttpMethod.POST, path);
                if (parts.length == 1) {
                    return Map.of("jar", nimbus.upload(ByteBufUtil.getBytes(req.content())));
                }
                // A JAR in chunks: jars/begin, then jars/ID/chunk for each chunk, then jars/ID/finish.
                if (parts.length == 2 && parts[1].equals("begin")) {
                    return Map.of("jar", nimbus.beginUpload());
                }
                if (parts.length == 3 && parts[2].equals("chunk")) {
                    return Map.of("jar", parts[1], "bytes",
                            nimbus.appendUpload(parts[1], ByteBufUtil.getBytes(req.content())));
                }
                if (parts.length == 3 && parts[2].equals("finish")) {
                    nimbus.finishUpload(parts[1]);
                    return Map.of("jar", parts[1]);
                }
                throw new NimbusException(404, "No API at " + path + "; uploads are POST " + PREFIX + "jars (a whole "
                        + "JAR) or " + PREFIX + "jars/begin, " + PREFIX + "jars/ID/chunk and " + PREFIX
                        + "jars/ID/finish");
            }
            case "code" -> {
                expect(m, HttpMethod.GET, path);
                CodeStore.Part part = parts.length == 3 ? CodeStore.Part.named(parts[2]) : null;
                if (part == null) {
                    throw new NimbusException(404, "Code paths are /api/v1/code/TOPOLOGY_ID/{jar,topology,conf}");
                }
                return Files.readAllBytes(nimbus.code(user, parts[1], part));
            }
            case "topologies" -> {
                return topologies(req, q, parts, path, user);
            }
            case "blobs" -> {
                return blobs(req, q, parts, path, user);
            }
            case "metrics" -> {
                expect(m, HttpMethod.POST, path);
                return nimbus.reportMetrics(ByteBufUtil.getBytes(req.content()), secret == null ? null
                        : req.headers().get(VERIFIED_TOPOLOGY));
            }
            case "taps" -> {
                expect(m, HttpMethod.POST, path);
                nimbus.reportTaps(ByteBufUtil.getBytes(req.content()), secret == null ? null
                        : req.headers().get(VERIFIED_TOPOLOGY));
                return Map.of("ok", true);
            }
            case "state-answers" -> {
                expect(m, HttpMethod.POST, path);
                nimbus.reportState(ByteBufUtil.getBytes(req.content()), secret == null ? null
                        : req.headers().get(VERIFIED_TOPOLOGY));
                return Map.of("ok", true);
            }
            default -> throw new NimbusException(404, "No API at " + path);
        }
    }

    /** The {@code creds} of a request: an object of strings; null when absent. */
    private static Map<String, String> credentials(JsonNode body) {
        JsonNode c = body.get("creds");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isObject()) {
            throw new NimbusException(400, "'creds' must be an object of string keys and string values");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : c.properties()) {
            if (!f.getValue().isTextual()) {
                throw new NimbusException(400, "Credential '" + f.getKey() + "' must be a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    private Object topologies(FullHttpRequest req, QueryStringDecoder q, String[] parts, String path, String user)
            throws IOException {
        HttpMethod m = req.method();
        if (parts.length == 1) {
            if (m.equals(HttpMethod.GET)) {
                return nimbus.list(user);
            }
            expect(m, HttpMethod.POST, path);
            JsonNode body = json(req);
            Map<String, Object> conf = body.has("conf") ? toMap(body.get("conf"), "conf") : Map.of();
            return nimbus.submit(user, text(body, "name"), text(body, "jar"), text(body, "topology"), conf,
                    body.path("inactive").asBoolean(false), credentials(body));
        }
        String name = parts[1];
        if (parts.length == 2) {
            expect(m, HttpMethod.GET, path);
            return nimbus.status(user, name);
        }
        if (m.equals(HttpMethod.GET) && parts.length == 4 && parts[2].equals("state")) {
            List<String> key = q.parameters().get("key");
            return nimbus.readState(user, name, parts[3], key == null || key.isEmpty() ? null : key.get(0));
        }
        if (m.equals(HttpMethod.GET) && parts.length == 3) {
            switch (parts[2]) {
                case "metrics" -> {
                    return nimbus.metrics(user, name, window(q));
                }
                case "snapshots" -> {
                    return nimbus.snapshots(user, name);
                }
                case "components" -> {
                    return nimbus.components(user, name);
                }
                case "tap" -> {
                    return nimbus.readTap(user, name, tapKey(q), intParam(q, "maxPerSec", 10), longParam(q, "after"));
                }
                case "log-levels" -> {
                    return nimbus.logLevels(user, name);
                }
                case "profile" -> {
                    return nimbus.pendingProfileActions(user, name);
                }
                default -> { } // The actions below answer 405 to a GET.
            }
        }
        expect(m, HttpMethod.POST, path);
        switch (parts[2]) {
            case "kill" -> {
                Integer wait = q.parameters().containsKey("wait") ? intParam(q, "wait", 0) : null;
                return Map.of("ok", true, "waitSecs", nimbus.kill(user, name, wait));
            }
            case "activate" -> nimbus.activate(user, name);
            case "deactivate" -> nimbus.deactivate(user, name);
            case "untap" -> nimbus.closeTap(user, name, tapKey(q));
            case "credentials" -> {
                JsonNode body = json(req);
                Map<String, String> creds = credentials(body);
                if (creds == null) {
                    throw new NimbusException(400, "Give {\"creds\": {KEY: VALUE, ...}[, \"owner\": USER]}");
                }
                String owner = body.has("owner") ? body.get("owner").asText() : null;
                return nimbus.uploadCredentials(user, name, creds, owner);
            }
            case "log-levels" -> {
                JsonNode body = json(req);
                Map<String, String> set = new LinkedHashMap<>();
                if (body.has("set")) {
                    if (!body.get("set").isObject()) {
                        throw new NimbusException(400, "'set' must be an object of logger: \"LEVEL[:SECONDS]\"");
                    }
                    for (Map.Entry<String, JsonNode> f : body.get("set").properties()) {
                        set.put(f.getKey(), f.getValue().asText());
                    }
                }
                List<String> reset = new ArrayList<>();
                if (body.has("reset")) {
                    if (!body.get("reset").isArray()) {
                        throw new NimbusException(400, "'reset' must be an array of logger names");
                    }
                    body.get("reset").forEach(n -> reset.add(n.asText()));
                }
                return nimbus.setLogLevels(user, name, set, reset);
            }
            case "debug" -> {
                JsonNode body = json(req);
                if (!body.path("enable").isBoolean()) {
                    throw new NimbusException(400, "Give {\"enable\": true|false[, \"component\": C]"
                            + "[, \"samplingPercentage\": P]}");
                }
                return nimbus.debug(user, name, body.path("component").asText(""), body.get("enable").asBoolean(),
                        body.path("samplingPercentage").asDouble(0));
            }
            case "profile" -> {
                JsonNode body = json(req);
                if (!body.path("worker").isTextual() || !body.path("action").isTextual()) {
                    throw new NimbusException(400, "Give {\"worker\": \"HOST:PORT\", \"action\": ACTION[, "
                            + "\"minutes\": N]}, ACTION one of " + new java.util.TreeSet<>(NimbusProfiler.ACTIONS));
                }
                int minutes = body.has("minutes") ? intOf(body.get("minutes"), "minutes") : 0;
                return nimbus.profile(user, name, body.get("worker").asText(), body.get("action").asText(), minutes);
            }
            case "rebalance" -> {
                JsonNode body = json(req);
                int workers = body.has("workers") ? intOf(body.get("workers"), "workers") : 0;
                Map<String, Integer> executors = new LinkedHashMap<>();
                if (body.has("executors")) {
                    JsonNode e = body.get("executors");
                    if (!e.isObject()) {
                        throw new NimbusException(400, "'executors' must be an object of component: count");
                    }
                    for (Map.Entry<String, JsonNode> f : e.properties()) {
                        executors.put(f.getKey(), intOf(f.getValue(), "executors." + f.getKey()));
                    }
                }
                Integer wait = body.has("waitSecs") ? intOf(body.get("waitSecs"), "waitSecs") : null;
                return nimbus.rebalance(user, name, workers, executors, wait);
            }
            default -> throw new NimbusException(404, "No action '" + parts[2] + "'; use kill, activate, untap, "
                    + "deactivate, rebalance, log-levels, credentials, profile or debug");
        }
        return Map.of("ok", true);
    }

    /** The blob store's calls (see the class comment). */
    private Object blobs(FullHttpRequest req, QueryStringDecoder q, String[] parts, String path, String user)
            throws IOException {
        HttpMethod m = req.method();
        if (parts.length == 1) {
            expect(m, HttpMethod.GET, path);
            return nimbus.listBlobs();
        }
        String key = QueryStringDecoder.decodeComponent(parts[1]);
        if (parts.length == 3 && parts[2].equals("meta")) {
            if (m.equals(HttpMethod.GET)) {
                return nimbus.blobMeta(user, key);
            }
            expect(m, HttpMethod.POST, path);
            JsonNode body = json(req);
            List<String> acl = new java.util.ArrayList<>();
            if (body.has("acl")) {
                if (!body.get("acl").isArray()) {
                    throw new NimbusException(400, "'acl' must be a list of ACL strings such as \"u:alice:rwa\"");
                }
                body.get("acl").forEach(a -> acl.add(a.asText()));
            }
            nimbus.setBlobMeta(user, key, acl, body.has("replication") ? intOf(body.get("replication"),
                    "replication") : null);
            return Map.of("ok", true);
        }
        if (parts.length != 2) {
            throw new NimbusException(404, "Blob paths are /api/v1/blobs[/KEY[/meta]]");
        }
        byte[] content = ByteBufUtil.getBytes(req.content());
        if (m.equals(HttpMethod.GET)) {
            return nimbus.getBlob(user, key);
        } else if (m.equals(HttpMethod.POST)) {
            List<String> acl = q.parameters().get("acl");
            List<String> replication = q.parameters().get("replication");
            nimbus.createBlob(user, key, acl == null || acl.isEmpty() ? "" : acl.get(0), replication == null
                    || replication.isEmpty() ? null : intParam(q, "replication", 1), content);
            return Map.of("ok", true);
        } else if (m.equals(HttpMethod.PUT)) {
            return Map.of("version", nimbus.updateBlob(user, key, content));
        } else if (m.equals(HttpMethod.DELETE)) {
            nimbus.deleteBlob(user, key);
            return Map.of("ok", true);
        }
        throw new NimbusException(405, path + " takes GET, POST (create), PUT (update) or DELETE, not " + m);
    }

    /** The stream a tap request names: {@code component} and {@code stream} (default {@code default}). */
    private static TapKey tapKey(QueryStringDecoder q) {
        List<String> c = q.parameters().get("component");
        if (c == null || c.isEmpty() || c.get(0).isEmpty()) {
            throw new NimbusException(400, "A tap needs ?component=ID (and &stream=ID, default 'default')");
        }
        List<String> s = q.parameters().get("stream");
        return new TapKey(c.get(0), s == null || s.isEmpty() ? "default" : s.get(0));
    }

    private static long longParam(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        try {
            return v == null || v.isEmpty() ? 0 : Long.parseLong(v.get(0));
        } catch (NumberFormatException e) {
            throw new NimbusException(400, "'" + name + "' must be a whole number, got '" + v.get(0) + "'");
        }
    }

    private static Window window(QueryStringDecoder q) {
        List<String> v = q.parameters().get("window");
        try {
            return v == null || v.isEmpty() ? Window.TEN_MINUTES : Window.ofLabel(v.get(0));
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
    }

    private static void expect(HttpMethod actual, HttpMethod wanted, String path) {
        if (!actual.equals(wanted)) {
            throw new NimbusException(405, path + " takes " + wanted + ", not " + actual);
        }
    }

    private static JsonNode json(FullHttpRequest req) {
        String body = req.content().toString(StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new NimbusException(400, "Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new NimbusException(400, "Request body must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new NimbusException(400, "Field '" + field + "' must be a string");
        }
        return n.asText();
    }

    private static int intOf(JsonNode n, String field) {
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new NimbusException(400, "Field '" + field + "' must be an integer, got " + n);
        }
        return n.asInt();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode n, String field) {
        if (!n.isObject()) {
            throw new NimbusException(400, "Field '" + field + "' must be a JSON object");
        }
        return JSON.convertValue(n, Map.class);
    }

    private static int intParam(QueryStringDecoder q, String name, int dflt) {
        List<String> v = q.parameters().get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.get(0));
        } catch (NumberFormatException e) {
            throw new NimbusException(400, "Parameter '" + name + "' must be an integer, got '" + v.get(0) + "'");
        }
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message == null ? "unknown error" : message);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, int status, Object body) {
        byte[] bytes;
        String type;
        String blobVersion = null;
        if (body instanceof LocalFsBlobStore.Blob blob) {
            bytes = blob.content();
            type = "application/octet-stream";
            blobVersion = String.valueOf(blob.version());
        } else if (body instanceof byte[] b) {
            bytes = b;
            type = "application/octet-stream";
        } else {
            try {
                bytes = JSON.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                bytes = ("{\"error\":\"cannot encode the answer\"}").getBytes(StandardCharsets.UTF_8);
                status = 500;
            }
            type = "application/json";
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        if (blobVersion != null) {
            res.headers().set(NimbusClient.BLOB_VERSION_HEADER, blobVersion);
        }
        HttpUtil.setContentLength(res, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req) && status < 400;
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
