package io.squall.messaging;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A worker's server for incoming frames: one listener per connection, made by the factory given. Any frame
 * that is malformed (bad length, unknown type, content that does not decode) closes that connection with a
 * logged error and is counted in {@link #malformedFrames()}; the server and the other connections go on.
 * One event-loop thread serves every connection, so a listener that blocks (a full receive queue) stops
 * reading, and TCP pushes back on the senders.
 */
public final class MessagingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingServer.class);

    private final int maxFrameBytes;
    private final Supplier<FrameListener> listeners;
    private final AtomicLong malformedFrames = new AtomicLong();
    private final LongAdder bytesIn = new LongAdder();
    private final ByteCounter byteCounter = new ByteCounter(bytesIn, null);
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    /**
     * Binds and starts serving.
     *
     * @param host          the address to bind
     * @param port          the port, 0 for any free one
     * @param maxFrameBytes the largest frame accepted
     * @param listeners     makes the listener of each new connection
     */
    public MessagingServer(String host, int port, int maxFrameBytes, Supplier<FrameListener> listeners)
            throws InterruptedException {
        this.maxFrameBytes = maxFrameBytes;
        this.listeners = listeners;
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("messaging-accept", true));
        this.workers = new NioEventLoopGroup(1, new DefaultThreadFactory("messaging-server", true));
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initPipeline(ch);
                    }
                });
        try {
            this.serverChannel = b.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
        LOG.info("Messaging server listening on {}", serverChannel.localAddress());
    }

    /** Sets up the pipeline of an accepted channel; public so tests can drive it in memory. */
    public void initPipeline(Channel ch) {
        ch.pipeline().addLast(byteCounter, new FrameDecoder(maxFrameBytes), new ConnectionHandler(listeners.get()));
    }

    /** The port bound. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Bytes received on every connection so far. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** How many connections were closed for malformed input. */
    public long malformedFrames() {
        return malformedFrames.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        workers.shutdownGracefully();
        boss.shutdownGracefully();
    }

    /** Hands frames to the connection's listener and closes the connection on any error. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final FrameListener listener;

        ConnectionHandler(FrameListener listener) {
            this.listener = listener;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws InterruptedException {
            if (ctx.channel().isOpen()) { // Nothing reaches the listener once a bad frame closed the channel.
                listener.onFrame((Frame) msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.onClose();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                LOG.info("Connection from {} broke: {}", ctx.channel().remoteAddress(), cause.getMessage());
                ctx.close();
                return;
            }
            long n = malformedFrames.incrementAndGet();
            Throwable root = cause.getCause() instanceof MalformedFrameException ? cause.getCause() : cause;
            LOG.error("Closing connection from {}: {} ({} connections closed for bad input so far)",
                    ctx.channel().remoteAddress(), root.getMessage(), n);
            ctx.close();
        }
    }
}
