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
import io.netty.util.concurrent.ScheduledFuture;
import io.squall.security.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A worker's server for incoming frames: one listener per connection, made by the factory given. Any frame
 * that is malformed (bad length, unknown type, content that does not decode) closes that connection with a
 * logged error and is counted in {@link #malformedFrames()}; a frame beyond the memory limits closes it too
 * and is counted in {@link #refusedFrames()}; the server and the other connections go on.
 *
 * <p>One event-loop thread serves every connection and is never blocked: when a listener cannot take a frame
 * (a receive queue is full) only that connection stops reading ({@code autoRead} off), so TCP pushes back on
 * that sender alone while the frames of other peers, their backpressure frames included, keep arriving.
 * The connection retries every {@link #RETRY_MICROS} µs and reads again once its listener has handed
 * everything on.
 */
public final class MessagingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingServer.class);
    /** Delay between attempts to hand on what a paused connection holds; the event loop rounds it to 1 ms. */
    static final long RETRY_MICROS = 200;

    /**
     * Limits of a server.
     *
     * @param maxFrameBytes      the largest frame accepted, after its length prefix
     * @param maxConnectionBytes the most one connection may hold of a frame still arriving
     * @param maxInboundBytes    the most all connections together may hold of frames still arriving
     * @param tickMs             how often each connection's listener is ticked ({@link FrameListener#onTick})
     */
    public record Settings(int maxFrameBytes, long maxConnectionBytes, long maxInboundBytes, long tickMs) {
        /** Settings with no limit beyond the frame size, ticking every 100 ms. */
        public static Settings ofMaxFrame(int maxFrameBytes) {
            return new Settings(maxFrameBytes, Long.MAX_VALUE, Long.MAX_VALUE, 100);
        }
    }

    private final Settings settings;
    private final TransportSecurity security;
    private final Supplier<FrameListener> listeners;
    private final InboundBudget budget;
    private final AtomicLong malformedFrames = new AtomicLong();
    private final AtomicLong refusedFrames = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong framesDroppedOnClose = new AtomicLong();
    private final LongAdder bytesIn = new LongAdder();
    private final ByteCounter byteCounter = new ByteCounter(bytesIn, null);
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    /**
     * Binds and starts serving.
     *
     * @param host      the address to bind
     * @param port      the port, 0 for any free one
     * @param settings  the limits
     * @param listeners makes the listener of each new connection
     */
    public MessagingServer(String host, int port, Settings settings, Supplier<FrameListener> listeners)
            throws InterruptedException {
        this(host, port, settings, TransportSecurity.NONE, listeners);
    }

    /**
     * Binds and starts serving connections protected by {@code security} (TLS and the topology handshake run
     * before the first frame; nothing of it runs per frame).
     */
    public MessagingServer(String host, int port, Settings settings, TransportSecurity security,
                           Supplier<FrameListener> listeners) throws InterruptedException {
        this.settings = settings;
        this.security = security;
        this.listeners = listeners;
        this.budget = new InboundBudget(settings.maxInboundBytes());
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("messaging-accept", true));
        this.workers = new NioEventLoopGroup(1, new DefaultThreadFactory("messaging", true));
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
        ch.pipeline().addLast(byteCounter,
                new FrameDecoder(settings.maxFrameBytes(), settings.maxConnectionBytes(), budget),
                new ConnectionHandler(listeners.get()));
        security.secureServer(ch);
    }

    /**
     * The event loop that serves the connections; a worker runs its {@link MessagingClient}s (and so their
     * {@link OutboundLink}s) on it too, so that one thread carries its transport both ways. It ends with
     * {@link #close}.
     */
    public EventLoopGroup eventLoopGroup() {
        return workers;
    }

    /** Connections refused by TLS or the topology handshake (another topology's secret, a plain-text peer). */
    public long refusedConnections() {
        return security.refusedConnections();
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

    /** How many connections were closed because a frame was beyond the memory limits. */
    public long refusedFrames() {
        return refusedFrames.get();
    }

    /** How many times a connection stopped reading because its listener could not hand a frame on. */
    public long pauses() {
        return pauses.get();
    }

    /** Frames a paused connection still held when it closed (their tuples are replayed by their spouts). */
    public long framesDroppedOnClose() {
        return framesDroppedOnClose.get();
    }

    /** Bytes all connections hold reserved now for frames still arriving. */
    public long inboundBytesReserved() {
        return budget.usedBytes();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        workers.shutdownGracefully();
        boss.shutdownGracefully();
    }

    /**
     * Hands frames to the connection's listener, pauses reading while the listener is full, ticks it, and
     * closes the connection on any error. Event-loop thread of the connection.
     */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final FrameListener listener;
        /** Frames decoded while paused, handed on in order when the listener has room again. */
        private final ArrayDeque<Frame> held = new ArrayDeque<>();
        private boolean paused;
        private ScheduledFuture<?> ticks;

        ConnectionHandler(FrameListener listener) {
            this.listener = listener;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            long tick = settings.tickMs();
            ticks = ctx.executor().scheduleAtFixedRate(() -> {
                try {
                    listener.onTick();
                } catch (RuntimeException e) {
                    closeFor(ctx, e);
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!ctx.channel().isOpen()) { // Nothing reaches the listener once a bad frame closed the channel.
                return;
            }
            Frame frame = (Frame) msg;
            if (paused) {
                held.add(frame.copy()); // The decoder reuses its buffer for the next frame.
            } else if (!listener.onFrame(frame)) {
                paused = true;
                pauses.incrementAndGet();
                ctx.channel().config().setAutoRead(false);
                scheduleRetry(ctx);
            }
        }

        private void scheduleRetry(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> retry(ctx), RETRY_MICROS, TimeUnit.MICROSECONDS);
        }

        private void retry(ChannelHandlerContext ctx) {
            if (!ctx.channel().isOpen()) {
                return;
            }
            try {
                if (!listener.retry()) {
                    scheduleRetry(ctx);
                    return;
                }
                Frame next;
                while ((next = held.poll()) != null) {
                    if (!listener.onFrame(next)) {
                        scheduleRetry(ctx);
                        return;
                    }
                }
            } catch (RuntimeException e) {
                closeFor(ctx, e);
                return;
            }
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ticks != null) {
                ticks.cancel(false);
            }
            if (!held.isEmpty()) {
                long n = framesDroppedOnClose.addAndGet(held.size());
                LOG.warn("Connection from {} closed holding {} frames not yet delivered ({} so far); their tuples "
                        + "will time out and be replayed", ctx.channel().remoteAddress(), held.size(), n);
                held.clear();
            }
            listener.onClose();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeFor(ctx, cause);
        }

        private void closeFor(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                LOG.info("Connection from {} broke: {}", ctx.channel().remoteAddress(), cause.getMessage());
                ctx.close();
                return;
            }
            Throwable root = cause.getCause() instanceof MalformedFrameException
                    || cause.getCause() instanceof FrameRefusedException ? cause.getCause() : cause;
            if (root instanceof FrameRefusedException) {
                long n = refusedFrames.incrementAndGet();
                LOG.warn("Closing connection from {}: {} ({} frames refused so far)", ctx.channel().remoteAddress(),
                        root.getMessage(), n);
            } else {
                long n = malformedFrames.incrementAndGet();
                LOG.error("Closing connection from {}: {} ({} connections closed for bad input so far)",
                        ctx.channel().remoteAddress(), root.getMessage(), n);
            }
            ctx.close();
        }
    }
}
