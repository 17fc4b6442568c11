package io.squall.daemon.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.squall.errors.SquallException;
import io.squall.metrics.aggregate.Window;
import io.squall.security.TlsFiles;
import io.squall.security.TlsGuard;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The web dashboard: serves the page, the JSON API ({@link ApiHandler}) and the Prometheus text over
 * HTTP, and pushes live updates over a WebSocket at {@code /ws}. A page sends
 * {@code {"topology": NAME, "window": "10m"}} (or {@code {}} for the cluster summary) and then receives,
 * every {@code updateMillis}, the same JSON the API serves for it, as {@code {"type": "topology"|"cluster"|
 * "error", ...}}. A page may also tap a stream ({@link TapSessions}). Close to stop.
 *
 * <p>Threads: Netty's one boss and one worker thread only move bytes; they never wait on the
 * {@link ClusterView}, whose calls may go to a remote Nimbus. HTTP answers and first updates are computed on a
 * small pool of two threads, the periodic updates on their own thread, and each is written
 * to its channel when ready.
 *
 * <p>With {@code requireCredential}, every request (the page, the API, the WebSocket) must carry the user's token,
 * as {@code Authorization: Bearer TOKEN} or as the password of HTTP Basic (the browser asks for it once); one
 * without gets 401 and is counted ({@link #unauthenticated()}). The dashboard then asks Nimbus as that user, so it
 * shows only the topologies the user may view and only the actions the user may take, and Nimbus's 401 or 403
 * comes back as the dashboard's. The token is kept in the connection's memory only. With TLS files it serves
 * HTTPS only.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final AttributeKey<Map<String, String>> SUBSCRIPTION = AttributeKey.valueOf("subscription");
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int CALL_THREADS = 2;
    private static final int CLOSE_WAIT_SECS = 5;

    private final ClusterView view;
    private final ObjectMapper json = new ObjectMapper();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(1);
    private final ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ExecutorService calls = Executors.newFixedThreadPool(CALL_THREADS,
            new DefaultThreadFactory("dashboard-call", true));
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("dashboard-push", true));
    private final Channel channel;
    private final TapSessions taps;
    private final String scheme;
    private final LogLinks logs;
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong tlsRefused = new AtomicLong();

    /** The {@code WWW-Authenticate} challenge of a 401, so browsers ask for the user's name and token. */
    static final String CHALLENGE = "Basic realm=\"Squall dashboard (password: your token)\", charset=\"UTF-8\"";

    /**
     * Starts serving {@code view} on {@code host:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, String host, int port, long updateMillis) {
        this(view, DrpcServers.none(), host, port, updateMillis, false, null);
    }

    /**
     * Starts serving {@code view} and the request counts of {@code drpc}'s servers on {@code host:port} (port 0 picks
     * a free one).
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, DrpcServers drpc, String host, int port, long updateMillis) {
        this(view, drpc, host, port, updateMillis, false, null);
    }

    /**
     * Starts serving {@code view} on {@code host:port}, requiring each request to carry a user's token if
     * {@code requireCredential}, over HTTPS if {@code tls} is not null.
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, String host, int port, long updateMillis, boolean requireCredential,
                           TlsFiles tls) {
        this(view, DrpcServers.none(), host, port, updateMillis, requireCredential, tls);
    }

    /**
     * Starts serving {@code view} and the request counts of {@code drpc}'s servers on {@code host:port}, requiring
     * each request to carry a user's token if {@code requireCredential}, over HTTPS if {@code tls} is not null.
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, DrpcServers drpc, String host, int port, long updateMillis,
                           boolean requireCredential, TlsFiles tls) {
        this(view, drpc, host, port, updateMillis, requireCredential, tls, LogLinks.NONE);
    }

    /**
     * As above, and the topology pages link each worker to its log on its host's logviewer as {@code logs} says.
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, DrpcServers drpc, String host, int port, long updateMillis,
                           boolean requireCredential, TlsFiles tls, LogLinks logs) {
        this.view = view;
        this.logs = logs;
        this.scheme = tls == null ? "http" : "https";
        SslContext ssl = tls == null ? null : tls.nettyServer(false);
        ApiHandler api = new ApiHandler(view, drpc, json, calls, logs);
        this.taps = new TapSessions(view, json);
        try {
            channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(TlsFiles.serverHandler(ssl, ch), new TlsGuard("dashboard",
                                        tlsRefused));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new CredentialGate(requireCredential),
                                    new WebSocketServerProtocolHandler("/ws"), new LiveHandler(), api);
                        }
                    }).bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            shutdownGroups();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the dashboard", e);
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException unchecked.
            shutdownGroups();
            throw new IllegalStateException("Cannot start the dashboard on " + host + ":" + port + ": " + e, e);
        }
        pusher.scheduleWithFixedDelay(this::pushSafely, updateMillis, updateMillis, TimeUnit.MILLISECONDS);
        LOG.info("Dashboard at {}", url());
    }

    /** The port the dashboard listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The dashboard's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        return scheme + "://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/";
    }

    /** Connections refused for not speaking TLS, or failing its handshake. */
    public long tlsRefused() {
        return tlsRefused.get();
    }

    /** Requests refused for want of a credential. */
    public long unauthenticated() {
        return unauthenticated.get();
    }

    /** The push thread: a failed round is logged, and the next one runs as usual. */
    private void pushSafely() {
        try {
            push();
        } catch (RuntimeException e) {
            LOG.warn("Dashboard update failed; retrying next round", e);
        }
    }

    /** Sends every subscribed page its update; one computation per distinct subscription. Push thread. */
    private void push() {
        Map<List<Object>, String> cache = new HashMap<>();
        for (Channel ch : sockets) {
            Map<String, String> sub = ch.attr(SUBSCRIPTION).get();
            if (sub == null) {
                continue;
            }
            String token = ch.attr(ApiHandler.CREDENTIAL).get();
            String text = cache.computeIfAbsent(java.util.Arrays.asList(sub, token), k -> render(sub, token));
            ch.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private String render(Map<String, String> sub, String token) {
        Map<String, Object> msg = new LinkedHashMap<>();
        ClusterView view = ApiHandler.viewOf(this.view, token);
        try {
            String topology = sub.get("topology");
            if (topology == null) {
                msg.put("type", "cluster");
                msg.put("data", view.summary());
            } else {
                Window w = Window.ofLabel(sub.getOrDefault("window", Window.TEN_MINUTES.label()));
                msg.put("type", "topology");
                msg.put("data", ApiHandler.topologyPage(view, topology, w, logs));
            }
        } catch (SquallException | IllegalArgumentException | UncheckedIOException e) {
            // An unknown topology, or a remote cluster that cannot answer now: the page shows why.
            msg.clear();
            msg.put("type", "error");
            msg.put("error", e.getMessage());
        }
        try {
            return json.writeValueAsString(msg);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** Takes subscriptions from pages; answers the first update at once. */
    private final class LiveHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                sockets.add(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            Map<String, String> sub = new HashMap<>();
            try {
                JsonNode n = json.readTree(frame.text());
                if (n == null || !n.isObject()) {
                    throw new IllegalArgumentException("a subscription must be a JSON object");
                }
                if (TapSessions.isTapMessage(n)) {
                    taps.onMessage(ctx.channel(), n);
                    return;
                }
                if (n.hasNonNull("topology")) {
                    sub.put("topology", n.get("topology").asText());
                }
                if (n.hasNonNull("window")) {
                    Window.ofLabel(n.get("window").asText());
                    sub.put("window", n.get("window").asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"error\",\"error\":"
                        + quote("Bad subscription: " + e.getMessage()) + "}"));
                return;
            }
            ctx.channel().attr(SUBSCRIPTION).set(sub);
            try {
                String token = ctx.channel().attr(ApiHandler.CREDENTIAL).get();
                calls.execute(() -> ctx.writeAndFlush(new TextWebSocketFrame(render(sub, token))));
            } catch (RejectedExecutionException stopping) {
                ctx.close();
            }
        }

        private String quote(String s) {
            try {
                return json.writeValueAsString(s);
            } catch (IOException e) {
                return "\"bad subscription\"";
            }
        }
    }

    /**
     * Takes the user's token from each request into the connection, or answers 401 when one is required and
     * missing. Event loop of the connection.
     */
    private final class CredentialGate extends ChannelInboundHandlerAdapter {
        private final boolean required;

        CredentialGate(boolean required) {
            this.required = required;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest req)) {
                ctx.fireChannelRead(msg);
                return;
            }
            String token = tokenOf(req.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (token == null && required) {
                long n = unauthenticated.incrementAndGet();
                LOG.warn("Unauthenticated dashboard request {} {} ({} so far)", req.method(),
                        new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).path(), n);
                req.release();
                byte[] body = ("{\"error\":\"Authentication required: sign in with your user name and your token as "
                        + "the password\",\"status\":401}").getBytes(StandardCharsets.UTF_8);
                DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.UNAUTHORIZED, Unpooled.wrappedBuffer(body));
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
                res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (token != null) {
                ctx.channel().attr(ApiHandler.CREDENTIAL).set(token);
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** The token of an {@code Authorization} header: Bearer, or the password of Basic; null if none. */
    public static String tokenOf(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = authorization.substring(7).strip();
            return t.isEmpty() ? null : t;
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                String t = colon < 0 ? "" : pair.substring(colon + 1).strip();
                return t.isEmpty() ? null : t;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private void shutdownGroups() {
        taps.close();
        pusher.shutdownNow();
        calls.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * Stops serving and closes every connection. Requests being answered get a few seconds to finish, so the
     * answer to the kill that ended a local run still reaches its page.
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        pusher.shutdownNow();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(CLOSE_WAIT_SECS, TimeUnit.SECONDS)) {
                LOG.warn("Dashboard requests still running after {}s; closing their connections", CLOSE_WAIT_SECS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.close().syncUninterruptibly();
        shutdownGroups();
    }
}
