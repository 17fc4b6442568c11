package io.squall.messaging;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.squall.security.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A connection to another worker's {@link MessagingServer} that reconnects with exponential backoff (reset once a
 * connection has lasted the longest backoff). Writers
 * call {@link #send}, which waits while the connection is down or its write buffer is above the high-water
 * mark: the caller's own queue then fills, which raises backpressure, so nothing is buffered without bound
 * and nothing is dropped here. Frames already handed to a connection that then breaks are lost; they are
 * counted ({@link #lostFrames()}) and logged, and the tuples in them are replayed by their spouts after the
 * message timeout. Thread-safe; the channel is managed on its event loop.
 *
 * <p>Every connection of one client runs on the same event loop ({@link #eventLoop()}), so a writer on that loop
 * (an {@link OutboundLink}) writes with {@link #write} and {@link #flush} straight into the channel, with no task
 * hand-off, and is told by the {@link #onReady ready callback} when a channel to write to comes up or drains.
 */
public final class MessagingClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessagingClient.class);

    /** Reconnect backoff and write-buffer limits. */
    public record Settings(long minBackoffMs, long maxBackoffMs, int writeBufferHighBytes) { }

    private final String name;
    private final String host;
    private final int port;
    private final Settings settings;
    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final ChannelFutureListener lostFrameCounter = this::countIfLost;
    /** Run on the event loop when a channel is published or becomes writable; event loop only. */
    private Runnable ready = () -> { };
    private final Object lock = new Object();
    private final AtomicLong lostFrames = new AtomicLong();
    private final LongAdder bytesOut = new LongAdder();
    private volatile Channel channel;
    private volatile boolean closed;
    /** Whether a connection is usable only after the topology handshake ({@link TransportSecurity#AUTHENTICATED}). */
    private final boolean handshakes;
    private long backoffMs;
    /** When the last published connection was made ({@link System#nanoTime}), or 0 if it is gone or never was. */
    private long connectedAtNanos;

    /** Starts connecting to {@code host:port} on {@code group}. */
    public MessagingClient(String name, String host, int port, EventLoopGroup group, Settings settings) {
        this(name, host, port, group, settings, TransportSecurity.NONE);
    }

    /**
     * Starts connecting to {@code host:port} on {@code group} with TLS and the topology handshake of
     * {@code security}; writers see the connection only once its handshake answer is on its way.
     */
    public MessagingClient(String name, String host, int port, EventLoopGroup group, Settings settings,
                           TransportSecurity security) {
        this.name = name;
        this.handshakes = security.handshakes();
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.backoffMs = settings.minBackoffMs();
        this.loop = group.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferHighBytes() / 2, settings.writeBufferHighBytes()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ByteCounter(null, bytesOut), new FrameEncoder(), new StateHandler());
                        security.secureClient(ch, host, port);
                    }
                });
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        bootstrap.connect(host, port).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                if (!handshakes) {
                    publish(f.channel());
                }
            } else {
                scheduleReconnect(f.channel().eventLoop());
            }
        });
    }

    /** Lets writers use a connected (and, with a handshake, authenticated) channel. */
    private void publish(Channel ch) {
        synchronized (lock) {
            connectedAtNanos = System.nanoTime();
            channel = ch;
            lock.notifyAll();
        }
        LOG.info("Connected to worker {} at {}:{}", name, host, port);
        ready.run(); // On the event loop: publish runs in the connect listener or the handshake's event.
    }

    /** The event loop of every connection of this client. */
    public EventLoop eventLoop() {
        return loop;
    }

    /**
     * Sets what runs, on the event loop, each time a connection becomes usable or a congested one drains below
     * its low-water mark. Event loop only.
     */
    public void onReady(Runnable callback) {
        ready = callback;
    }

    /**
     * The channel to write to now, or null while the connection is down, not yet authenticated or above its
     * high-water mark (then the {@link #onReady ready callback} runs once that changes). Event loop only.
     */
    public Channel writableChannel() {
        Channel ch = channel;
        return ch != null && ch.isActive() && ch.isWritable() ? ch : null;
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Writes a frame of {@code type} holding the first {@code length} bytes of {@code payload} into {@code ch}
     * (from {@link #writableChannel}) without flushing; the bytes are copied at once, so the caller may reuse
     * {@code payload}. A frame lost because the connection breaks is counted. Event loop only.
     */
    public void write(Channel ch, byte type, byte[] payload, int length) {
        ByteBuf buf = ch.alloc().ioBuffer(Frame.HEADER_BYTES + 1 + length);
        buf.writeInt(length + 1).writeByte(type).writeBytes(payload, 0, length);
        ch.write(buf).addListener(lostFrameCounter);
    }

    /** Flushes what {@link #write} wrote into {@code ch}. Event loop only. */
    public void flush(Channel ch) {
        ch.flush();
    }

    private void countIfLost(ChannelFuture f) {
        if (!f.isSuccess()) {
            long n = lostFrames.incrementAndGet();
            LOG.warn("A frame to worker {} was lost when the connection broke ({} lost so far); its "
                    + "tuples will time out and be replayed", name, n);
        }
    }

    private void scheduleReconnect(EventLoopGroup loop) {
        if (closed) {
            return;
        }
        long delay;
        synchronized (lock) {
            // A connection that lived at least the longest backoff was a good one: start again from the shortest.
            // One the peer closes sooner (say it cannot read what it gets) keeps backing off, so a peer that keeps
            // refusing is not asked again ten times a second.
            if (connectedAtNanos != 0
                    && System.nanoTime() - connectedAtNanos >= TimeUnit.MILLISECONDS.toNanos(settings.maxBackoffMs())) {
                backoffMs = settings.minBackoffMs();
            }
            connectedAtNanos = 0;
            delay = backoffMs;
            backoffMs = Math.min(settings.maxBackoffMs(), backoffMs * 2);
        }
        LOG.debug("Reconnecting to worker {} at {}:{} in {} ms", name, host, port, delay);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Writes a frame, waiting while the connection is down or congested.
     *
     * @return false if the client was closed first (the frame is not sent)
     */
    public boolean send(Frame frame) throws InterruptedException {
        return send(frame.type(), frame.payload(), frame.length());
    }

    /**
     * Writes a frame of {@code type} holding the first {@code length} bytes of {@code payload}, waiting while the
     * connection is down or congested. The bytes are copied at once, framed, into a pooled buffer of the
     * connection (no array per frame), so the caller may reuse {@code payload} as soon as this returns.
     *
     * @return false if the client was closed first (the frame is not sent)
     */
    public boolean send(byte type, byte[] payload, int length) throws InterruptedException {
        while (true) {
            Channel ch = channel;
            if (closed) {
                return false;
            }
            if (ch != null && ch.isActive() && ch.isWritable()) {
                ByteBuf buf = ch.alloc().ioBuffer(Frame.HEADER_BYTES + 1 + length);
                buf.writeInt(length + 1).writeByte(type).writeBytes(payload, 0, length);
                ch.writeAndFlush(buf).addListener(lostFrameCounter);
                return true;
            }
            synchronized (lock) {
                if (!closed && channel == ch) {
                    lock.wait(10);
                }
            }
        }
    }

    /** Writes a frame now if connected and not congested; otherwise drops it. For state that is resent anyway. */
    public boolean trySend(Frame frame) {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(frame);
            return true;
        }
        return false;
    }

    /** Whether the connection is up now. */
    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /** Bytes written to this client's connections so far. */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Frames lost because a connection broke after they were written to it. */
    public long lostFrames() {
        return lostFrames.get();
    }

    @Override
    public void close() {
        closed = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            loop.execute(() -> ready.run()); // A writer waiting for a channel learns that none will come.
        } catch (RejectedExecutionException e) {
            LOG.debug("Event loop of client {} already stopped", name); // And its writers with it.
        }
    }

    /** Follows the channel's life: reconnects when it breaks, wakes writers when it drains. */
    private final class StateHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (lock) {
                if (channel == ctx.channel()) {
                    channel = null;
                }
                lock.notifyAll();
            }
            if (!closed) {
                LOG.info("Connection to worker {} at {}:{} closed; reconnecting", name, host, port);
                scheduleReconnect(ctx.channel().eventLoop());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == TransportSecurity.AUTHENTICATED) {
                publish(ctx.channel());
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            synchronized (lock) {
                lock.notifyAll();
            }
            if (ctx.channel().isWritable() && ctx.channel() == channel) {
                ready.run();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.info("Connection to worker {} failed: {}", name, cause.toString());
            ctx.close();
        }
    }
}
