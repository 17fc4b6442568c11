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
import io.squall.metrics.aggregate.Window;
import io.squall.SquallException;
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

    /**
     * Starts serving {@code view} on {@code host:port} (port 0 picks a free one).
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, String host, int port, long updateMillis) {
        this(view, DrpcServers.none(), host, port, updateMillis);
    }

    /**
     * Starts serving {@code view} and the request counts of {@code drpc}'s servers on {@code host:port} (port 0 picks
     * a free one).
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public DashboardServer(ClusterView view, DrpcServers drpc, String host, int port, long updateMillis) {
        this.view = view;
        ApiHandler api = new ApiHandler(view, drpc, json, calls);
        this.taps = new TapSessions(view, json);
        try {
            channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
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
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/";
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
        Map<Map<String, String>, String> cache = new HashMap<>();
        for (Channel ch : sockets) {
            Map<String, String> sub = ch.attr(SUBSCRIPTION).get();
            if (sub == null) {
                continue;
            }
            String text = cache.computeIfAbsent(sub, this::render);
            ch.writeAndFlush(new TextWebSocketFrame(text));
        }
    }

    private String render(Map<String, String> sub) {
        Map<String, Object> msg = new LinkedHashMap<>();
        try {
            String topology = sub.get("topology");
            if (topology == null) {
                msg.put("type", "cluster");
                msg.put("data", view.summary());
            } else {
                Window w = Window.ofLabel(sub.getOrDefault("window", Window.TEN_MINUTES.label()));
                msg.put("type", "topology");
                msg.put("data", ApiHandler.topologyPage(view, topology, w));
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
                calls.execute(() -> ctx.writeAndFlush(new TextWebSocketFrame(render(sub))));
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
