package io.squall.metrics.report;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.squall.metrics.TaggedRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP server answering {@code GET /metrics} with the registries of the topologies registered on
 * it, in Prometheus text format, for when no dashboard serves them. Topologies configured with the same
 * port share one endpoint, which stops when the last one leaves. Thread-safe.
 */
public final class PrometheusEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);
    private static final Map<Integer, PrometheusEndpoint> BY_PORT = new HashMap<>();

    private final Map<String, TaggedRegistry> registries = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final int configuredPort;

    private PrometheusEndpoint(String host, int port) {
        this.configuredPort = port;
        try {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new Handler());
                        }
                    }).bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while binding the Prometheus endpoint", e);
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException unchecked.
            group.shutdownGracefully();
            throw new IllegalStateException("Cannot serve Prometheus metrics on " + host + ":" + port + ": " + e, e);
        }
        LOG.info("Prometheus metrics at http://{}:{}/metrics", host, port());
    }

    /**
     * Serves {@code registry} as topology {@code topology} on the endpoint of {@code port} (0: a new
     * endpoint on a free port), starting it if needed.
     */
    public static synchronized PrometheusEndpoint register(String host, int port, String topology,
                                                           TaggedRegistry registry) {
        PrometheusEndpoint e = port == 0 ? null : BY_PORT.get(port);
        if (e == null) {
            e = new PrometheusEndpoint(host, port);
            if (port != 0) {
                BY_PORT.put(port, e);
            }
        }
        e.registries.put(topology, registry);
        return e;
    }

    /** Stops serving a topology; the endpoint stops with its last topology. */
    public void unregister(String topology) {
        synchronized (PrometheusEndpoint.class) {
            registries.remove(topology);
            if (registries.isEmpty()) {
                BY_PORT.remove(configuredPort, this);
                channel.close().syncUninterruptibly();
                group.shutdownGracefully();
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = new QueryStringDecoder(req.uri()).path();
            FullHttpResponse res;
            if (!path.equals("/metrics")) {
                res = text(HttpResponseStatus.NOT_FOUND, "Not found: " + path + " (metrics are at /metrics)\n");
            } else if (!req.method().equals(HttpMethod.GET)) {
                res = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET for /metrics\n");
            } else {
                res = text(HttpResponseStatus.OK, PrometheusFormat.write(new TreeMap<>(registries)));
                res.headers().set(HttpHeaderNames.CONTENT_TYPE, PrometheusFormat.CONTENT_TYPE);
            }
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Prometheus endpoint connection failed", cause);
            ctx.close();
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        return res;
    }
}
