package io.squall.daemon.drpc;

import io.squall.DRPC;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.security.ClusterSecret;
import io.squall.security.DrpcAcl;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.security.TlsGuard;
import io.squall.security.TokenStore;
import io.squall.security.WorkerIdentity;
import io.squall.security.WorkerSignature;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.DRPCRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The DRPC server daemon ({@code bin/squall drpc}): HTTP on Netty.
 *
 * <pre>
 *   POST /drpc/FUNCTION                 body: the arguments; answers the result (text), or an error
 *   GET  /drpc/FUNCTION?args=ARGS       the same, arguments in the query
 *   GET  /invocations/FUNCTION/fetch    for DRPC spouts: {"id": ..., "args": ...}, id "" when none waits
 *   GET  /invocations/FUNCTION/fetch?max=N&amp;waitMs=W
 *                                       up to N (at most 1000) waiting requests: {"requests": [{"id", "args"}, ...]};
 *                                       when none waits, answers when one comes or after W ms (default 0, at
 *                                       most 60000)
 *   POST /invocations/result/ID         body: the result of request ID
 *   POST /invocations/fail/ID           fails request ID
 *   GET  /api/v1/drpc                   request counts: in all, and per function under "functions"
 * </pre>
 *
 * Errors are JSON {@code {"error": ..., "type": ...}}: 504 for a timed-out request (SERVER_TIMEOUT), 500 for a
 * failed one (FAILED_REQUEST), 503 while shutting down, 400/404/405 for a bad request (counted, logged, and the
 * server goes on). Waiting requests block a pool thread each, up to {@value #POOL_THREADS}.
 *
 * <p>With authentication ({@code squall.auth.users.file} and {@code squall.cluster.secret.file}) every request to
 * {@code /drpc} and {@code /api} carries a user's bearer token (401 without a valid one, counted as
 * {@code unauthenticated}), and the {@link DrpcAcl} decides who may execute which function (403, {@code forbidden}).
 * With a cluster secret, the {@code /invocations} requests must be signed by a worker with its topology's secret
 * ({@link WorkerIdentity}; 401, {@code forgedInvocations}). With {@code squall.tls.*} the server speaks only TLS
 * (a plain-text client is closed, {@code tlsRefused}). No refusal logs or answers a credential.
 */
public final class DrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrpcServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POOL_THREADS = 256;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** The most requests one fetch may take. */
    static final int MAX_FETCH = 1000;
    /** The longest one fetch may wait for a request (a long poll holds a pool thread meanwhile). */
    static final int MAX_FETCH_WAIT_MS = 60_000;

    /** The HTTP port key. */
    public static final String PORT = "drpc.http.port";
    /** The interface to listen on. */
    public static final String HOST = "drpc.http.host";
    /** The default interface: loopback, as a server without authentication may only serve this machine. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The error type of a refused credential (401) or action (403). */
    public static final String AUTHORIZATION_ERROR = "AUTHORIZATION_ERROR";

    private final DRPC drpc;
    private final EventLoopGroup group;
    private final ExecutorService pool;
    private final Channel channel;
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private final AtomicLong forgedInvocations = new AtomicLong();
    private final AtomicLong tlsRefused = new AtomicLong();
    /** The users' tokens, or null when authentication is off. */
    private final TokenStore tokens;
    /** The secret the workers' topology secrets derive from, or null when invocations are not checked. */
    private final ClusterSecret secret;
    private final DrpcAcl acl;

    /**
     * Starts an unprotected server on {@code host:port} (port 0: any free port) whose requests wait
     * {@code timeoutMs} at most.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public DrpcServer(String host, int port, long timeoutMs) throws InterruptedException {
        this(host, port, timeoutMs, SecuritySettings.NONE, DrpcAcl.OPEN);
    }

    /**
     * Starts a server on {@code host:port} (port 0: any free port) whose requests wait {@code timeoutMs} at most,
     * protected as {@code security} says: tokens and {@code acl} when it authenticates, signed invocations when it
     * has a cluster secret, TLS when it has TLS files.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public DrpcServer(String host, int port, long timeoutMs, SecuritySettings security, DrpcAcl acl)
            throws InterruptedException {
        this.tokens = security.authenticates() ? security.tokenStore() : null;
        this.secret = security.secret();
        this.acl = acl;
        SslContext tls = security.tls() == null ? null : security.tls().nettyServer(false);
        this.drpc = new DRPC(timeoutMs);
        this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("drpc-http", true));
        this.pool = Executors.newFixedThreadPool(POOL_THREADS, new DefaultThreadFactory("drpc-request", true));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(TlsFiles.serverHandler(tls, ch), new TlsGuard("DRPC", tlsRefused));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES),
                                new Handler());
                    }
                });
        try {
            this.channel = b.bind(host, port).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            pool.shutdownNow();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("Cannot listen on " + host + ":" + port + " for DRPC (" + e
                    + "); set " + PORT + " to a free port", e);
        }
        LOG.info("DRPC server on {}://{}:{}/ (requests time out after {} ms; {})", tls == null ? "http" : "https", host,
                port(), timeoutMs, tokens == null ? "no authentication" : "tokens required, " + acl);
    }

    /**
     * Starts a server from a config: {@value #HOST} (default 127.0.0.1), {@value #PORT} (3774), the timeout, and the
     * security of {@link SecuritySettings#of(Map)} with the {@link DrpcAcl}.
     *
     * @throws io.squall.security.SecurityConfigException if the security settings are wrong, or the server would
     *                                                    serve a non-loopback address unprotected
     */
    public static DrpcServer start(Map<String, Object> conf) throws InterruptedException {
        Object host = conf.getOrDefault(HOST, DEFAULT_HOST);
        Object port = conf.getOrDefault(PORT, 3774);
        if (!(port instanceof Number n) || n.intValue() < 0 || n.intValue() > 65535) {
            throw new IllegalArgumentException(PORT + " must be a port number, got " + port);
        }
        SecuritySettings security = SecuritySettings.of(conf);
        security.checkBind("The DRPC server", String.valueOf(host), security.authenticates(),
                "squall.auth.users.file and squall.cluster.secret.file");
        return new DrpcServer(String.valueOf(host), n.intValue(), DRPC.timeoutMs(conf), security,
                DrpcAcl.of(conf, security.admins()));
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * The request counts, with those refused: {@code badRequests}, {@code unauthenticated} (no or a wrong token),
     * {@code forbidden} (the ACL refused), {@code forgedInvocations} (a worker request not signed with a topology's
     * secret) and {@code tlsRefused} (connections that did not speak TLS).
     */
    public Map<String, Long> counts() {
        Map<String, Long> ret = new LinkedHashMap<>(drpc.counts());
        ret.put("badRequests", badRequests.get());
        ret.put("unauthenticated", unauthenticated.get());
        ret.put("forbidden", forbidden.get());
        ret.put("forgedInvocations", forgedInvocations.get());
        ret.put("tlsRefused", tlsRefused.get());
        return ret;
    }

    /** Request counts per function: requests, served, failed, timedOut. */
    public Map<String, Map<String, Long>> functionCounts() {
        return drpc.functionCounts();
    }

    /** Fails the waiting requests and stops serving. */
    @Override
    public void close() {
        drpc.close();
        channel.close().syncUninterruptibly();
        group.shutdownGracefully();
        pool.shutdownNow();
    }

    private record Answer(int status, String body, String contentType) {
        static Answer text(String body) {
            return new Answer(200, body, "text/plain; charset=UTF-8");
        }

        static Answer json(int status, Object body) {
            try {
                return new Answer(status, JSON.writeValueAsString(body), "application/json");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer error(int status, String msg, String type) {
            return json(status, Map.of("error", msg, "type", type));
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (!req.decoderResult().isSuccess()) {
                respond(ctx, req, bad(req, 400, "Malformed HTTP request: " + req.decoderResult().cause()));
                return;
            }
            String remote = String.valueOf(ctx.channel().remoteAddress());
            req.retain();
            try {
                pool.execute(() -> {
                    try {
                        respond(ctx, req, route(req, remote));
                    } catch (RuntimeException e) {
                        LOG.error("DRPC request {} {} failed", req.method(), req.uri(), e);
                        respond(ctx, req, Answer.error(500, "DRPC server failed: " + e, "INTERNAL_ERROR"));
                    } finally {
                        req.release();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                req.release();
                respond(ctx, req, Answer.error(503, "The DRPC server is shutting down", "SERVER_SHUTDOWN"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.info("Closing DRPC connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private Answer bad(FullHttpRequest req, int status, String msg) {
        LOG.info("Refused {} {}: {} ({} refused so far)", req.method(), req.uri(), msg, badRequests.incrementAndGet());
        return Answer.error(status, msg, "BAD_REQUEST");
    }

    /** Why a request is refused (401 or 403), or null if it may go on: the credential and the ACL. */
    private Answer refusal(FullHttpRequest req, String[] parts, String remote) {
        boolean invocation = parts[0].equals("invocations");
        if (invocation && secret != null) {
            String topologyId = req.headers().get(WorkerSignature.TOPOLOGY_HEADER);
            String why = topologyId == null ? "it names no topology (" + WorkerSignature.TOPOLOGY_HEADER + ")"
                    : WorkerSignature.check(secret.topologySecret(topologyId), req.headers().get(
                            WorkerSignature.TIME_HEADER), req.headers().get(WorkerSignature.SIGNATURE_HEADER),
                            WorkerIdentity.requestData(req.method().name(), req.uri(),
                                    ByteBufUtil.getBytes(req.content())), System.currentTimeMillis());
            if (why == null) {
                return null;
            }
            LOG.warn("Refused a DRPC invocation {} {} from {} for topology {}: {} ({} refused so far)", req.method(),
                    new QueryStringDecoder(req.uri()).path(), remote, topologyId, why,
                    forgedInvocations.incrementAndGet());
            return Answer.error(401, "Invocation refused: only a worker of this cluster may fetch or answer DRPC "
                    + "requests, and " + why, AUTHORIZATION_ERROR);
        }
        if (tokens == null || invocation) {
            return null;
        }
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        Optional<String> user = tokens.authenticate(token);
        if (user.isEmpty()) {
            String why = token == null ? "no bearer token" : "a token that is not valid";
            LOG.warn("Unauthenticated DRPC request {} {} from {}: {} ({} so far)", req.method(),
                    new QueryStringDecoder(req.uri()).path(), remote, why, unauthenticated.incrementAndGet());
            return Answer.error(401, "Authentication required: the request has " + why + ". Send "
                    + "'Authorization: Bearer TOKEN'; DRPCClient reads the token from SQUALL_TOKEN or "
                    + "~/.squall/credentials (bin/squall add-user makes one)", AUTHORIZATION_ERROR);
        }
        if (parts.length == 2 && parts[0].equals("drpc")) {
            String why = acl.refusal(user.get(), parts[1]);
            if (why != null) {
                LOG.warn("Forbidden DRPC request of {} for {}: {} ({} forbidden so far)", parts[1], user.get(), why,
                        forbidden.incrementAndGet());
                return Answer.error(403, "Forbidden: " + why, AUTHORIZATION_ERROR);
            }
        }
        return null;
    }

    private Answer route(FullHttpRequest req, String remote) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String[] parts = q.path().replaceAll("^/+", "").split("/");
        Answer refused = refusal(req, parts, remote);
        if (refused != null) {
            return refused;
        }
        HttpMethod m = req.method();
        String body = req.content().toString(StandardCharsets.UTF_8);
        if (parts.length == 2 && parts[0].equals("drpc") && !parts[1].isEmpty()) {
            String args;
            if (m.equals(HttpMethod.POST)) {
                args = body;
            } else if (m.equals(HttpMethod.GET) && q.parameters().containsKey("args")) {
                args = q.parameters().get("args").get(0);
            } else {
                return bad(req, m.equals(HttpMethod.GET) ? 400 : 405, "Run a function with POST /drpc/FUNCTION "
                        + "(arguments in the body) or GET /drpc/FUNCTION?args=ARGS");
            }
            try {
                return Answer.text(drpc.execute(parts[1], args));
            } catch (DRPCExecutionException e) {
                int status = switch (e.getType()) {
                    case SERVER_TIMEOUT -> 504;
                    case SERVER_SHUTDOWN -> 503;
                    default -> 500;
                };
                return Answer.error(status, e.getMessage(), e.getType().name());
            }
        }
        if (parts.length == 3 && parts[0].equals("invocations") && parts[2].equals("fetch")
                && m.equals(HttpMethod.GET) && (q.parameters().containsKey("max")
                || q.parameters().containsKey("waitMs"))) {
            int max = intParam(q, "max", -1, 1, MAX_FETCH);
            int waitMs = intParam(q, "waitMs", 0, 0, MAX_FETCH_WAIT_MS);
            if (max < 0 || waitMs < 0) {
                return bad(req, 400, "Fetch requests with ?max=N&waitMs=W, N from 1 to " + MAX_FETCH + ", W from 0 to "
                        + MAX_FETCH_WAIT_MS + " ms");
            }
            List<Map<String, String>> requests = new ArrayList<>();
            for (DRPCRequest r : drpc.fetchRequests(parts[1], max, waitMs)) {
                requests.add(Map.of("id", r.request_id(), "args", r.func_args()));
            }
            return Answer.json(200, Map.of("requests", requests));
        }
        if (parts.length == 3 && parts[0].equals("invocations") && parts[2].equals("fetch")
                && m.equals(HttpMethod.GET)) {
            DRPCRequest r = drpc.fetchRequest(parts[1]);
            return Answer.json(200, Map.of("id", r.request_id(), "args", r.func_args()));
        }
        if (parts.length == 3 && parts[0].equals("invocations") && m.equals(HttpMethod.POST)) {
            switch (parts[1]) {
                case "result" -> {
                    drpc.returnResult(parts[2], body);
                    return Answer.json(200, Map.of("ok", true));
                }
                case "fail" -> {
                    drpc.failRequest(parts[2], new DRPCExecutionException("Request failed",
                            DRPCExceptionType.FAILED_REQUEST));
                    return Answer.json(200, Map.of("ok", true));
                }
                default -> {
                    return bad(req, 404, "No DRPC API at " + q.path());
                }
            }
        }
        if (q.path().equals("/api/v1/drpc") && m.equals(HttpMethod.GET)) {
            Map<String, Object> stats = new LinkedHashMap<>(counts());
            stats.put("functions", functionCounts());
            return Answer.json(200, stats);
        }
        return bad(req, 404, "No DRPC API at " + q.path() + "; run a function with POST /drpc/FUNCTION");
    }

    /**
     * The integer query parameter {@code name} if it is one from {@code min} to {@code max}, {@code absent} if the
     * query lacks it; else -1.
     */
    private static int intParam(QueryStringDecoder q, String name, int absent, int min, int max) {
        List<String> v = q.parameters().get(name);
        if (v == null) {
            return absent;
        }
        if (v.size() != 1) {
            return -1;
        }
        try {
            int n = Integer.parseInt(v.get(0));
            return n >= min && n <= max ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, Answer a) {
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        HttpUtil.setContentLength(res, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
