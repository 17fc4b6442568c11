package io.squall.daemon.drpc;

import io.squall.drpc.DRPC;
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
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.DRPCRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *   POST /invocations/result/ID         body: the result of request ID
 *   POST /invocations/fail/ID           fails request ID
 *   GET  /api/v1/drpc                   request counts: in all, and per function under "functions"
 * </pre>
 *
 * Errors are JSON {@code {"error": ..., "type": ...}}: 504 for a timed-out request (SERVER_TIMEOUT), 500 for a
 * failed one (FAILED_REQUEST), 503 while shutting down, 400/404/405 for a bad request (counted, logged, and the
 * server goes on). Waiting requests block a pool thread each, up to {@value #POOL_THREADS}.
 */
public final class DrpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrpcServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POOL_THREADS = 256;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** The HTTP port key. */
    public static final String PORT = "drpc.http.port";
    /** The interface to listen on. */
    public static final String HOST = "drpc.http.host";
    /** The default interface: loopback, since the server does not authenticate its clients. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final DRPC drpc;
    private final EventLoopGroup group;
    private final ExecutorService pool;
    private final Channel channel;
    private final AtomicLong badRequests = new AtomicLong();

    /**
     * Starts a server on {@code host:port} (port 0: any free port) whose requests wait {@code timeoutMs} at most.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public DrpcServer(String host, int port, long timeoutMs) throws InterruptedException {
        this.drpc = new DRPC(timeoutMs);
        this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("drpc-http", true));
        this.pool = Executors.newFixedThreadPool(POOL_THREADS, new DefaultThreadFactory("drpc-request", true));
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
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
        LOG.info("DRPC server on http://{}:{}/ (requests time out after {} ms)", host, port(), timeoutMs);
    }

    /** Starts a server from a config: {@value #HOST} (default 127.0.0.1), {@value #PORT} (3774), the timeout. */
    public static DrpcServer start(Map<String, Object> conf) throws InterruptedException {
        Object host = conf.getOrDefault(HOST, DEFAULT_HOST);
        Object port = conf.getOrDefault(PORT, 3774);
        if (!(port instanceof Number n) || n.intValue() < 0 || n.intValue() > 65535) {
            throw new IllegalArgumentException(PORT + " must be a port number, got " + port);
        }
        return new DrpcServer(String.valueOf(host), n.intValue(), DRPC.timeoutMs(conf));
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The request counts, with the bad requests refused. */
    public Map<String, Long> counts() {
        Map<String, Long> ret = new LinkedHashMap<>(drpc.counts());
        ret.put("badRequests", badRequests.get());
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
            req.retain();
            try {
                pool.execute(() -> {
                    try {
                        respond(ctx, req, route(req));
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

    private Answer route(FullHttpRequest req) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String[] parts = q.path().replaceAll("^/+", "").split("/");
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
