package io.squall.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the connections between one topology's workers are protected: mutual TLS (both sides present a certificate
 * signed by the cluster's CA) and/or a handshake proving that the connecting worker holds the topology's secret.
 *
 * <p>The handshake, before any frame: the server sends a random {@value #NONCE_BYTES}-byte challenge; the client
 * answers HMAC-SHA256(topology secret, "squall-transport:" + challenge). A wrong answer (a worker of another
 * topology, or anyone without the secret) closes the connection, is logged without any secret and counted in
 * {@link #refusedConnections()}; a client that does not answer within {@value #HANDSHAKE_TIMEOUT_MS} ms is closed
 * too. The client publishes its channel to writers only after it answered ({@link #AUTHENTICATED}), so no frame
 * precedes the answer. Nothing is added to a connection's pipeline when security is off ({@link #NONE}), and
 * nothing runs per frame once the handshake is done. Thread-safe; the handlers live on their channel's event loop.
 */
public final class TransportSecurity {
    private static final Logger LOG = LoggerFactory.getLogger(TransportSecurity.class);
    static final int NONCE_BYTES = 16;
    static final int ANSWER_BYTES = 32;
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final byte[] LABEL = "squall-transport:".getBytes(StandardCharsets.US_ASCII);

    /** The user event a client channel fires once its handshake answer is written: frames may follow. */
    public static final Object AUTHENTICATED = new Object() {
        @Override
        public String toString() {
            return "TransportSecurity.AUTHENTICATED";
        }
    };

    /** No TLS and no handshake. */
    public static final TransportSecurity NONE = new TransportSecurity(null, null, null);

    private final SslContext serverTls;
    private final SslContext clientTls;
    private final byte[] topologySecret;
    private final AtomicLong refused = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    private TransportSecurity(SslContext serverTls, SslContext clientTls, byte[] topologySecret) {
        this.serverTls = serverTls;
        this.clientTls = clientTls;
        this.topologySecret = topologySecret == null ? null : topologySecret.clone();
    }

    /**
     * The protection of a topology's transport.
     *
     * @param tls            the TLS files for mutual TLS, or null for none
     * @param topologySecret the topology's secret for the handshake, or null for none
     */
    public static TransportSecurity of(TlsFiles tls, byte[] topologySecret) {
        if (tls == null && topologySecret == null) {
            return NONE;
        }
        return new TransportSecurity(tls == null ? null : tls.nettyServer(true), tls == null ? null : tls.nettyClient(),
                topologySecret);
    }

    /** Whether a client must wait for {@link #AUTHENTICATED} before it writes frames. */
    public boolean handshakes() {
        return topologySecret != null;
    }

    /** Connections refused for a wrong or missing handshake answer, or a failed TLS handshake. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Puts TLS and the handshake at the front of an accepted channel's pipeline. */
    public void secureServer(Channel ch) {
        if (topologySecret != null) {
            ch.pipeline().addFirst("squall-auth", new ServerHandshake());
        }
        if (serverTls != null) {
            ch.pipeline().addFirst("squall-tls", TlsFiles.serverHandler(serverTls, ch));
            ch.pipeline().addAfter("squall-tls", "squall-tls-guard", new TlsGuard("worker", refused));
        }
    }

    /**
     * Puts TLS and the handshake at the front of a connecting channel's pipeline. With TLS, flushes are also
     * consolidated at the pipeline's tail: frames written while the event loop is busy then leave in one flush,
     * so TLS fills whole records (up to 16 KiB each) instead of sealing one record, with its own header, tag
     * and syscall, per small frame.
     */
    public void secureClient(Channel ch, String host, int port) {
        if (topologySecret != null) {
            ch.pipeline().addFirst("squall-auth", new ClientHandshake());
        }
        if (clientTls != null) {
            SslHandler tls = clientTls.newHandler(ch.alloc(), host, port);
            tls.setHandshakeTimeoutMillis(TlsFiles.HANDSHAKE_TIMEOUT_MS);
            ch.pipeline().addFirst("squall-tls", tls);
            ch.pipeline().addLast("squall-flush", new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
            tls.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    LOG.info("TLS to worker {}:{}: {} {} ({})", host, port, tls.engine().getSession().getProtocol(),
                            tls.engine().getSession().getCipherSuite(), clientTls.getClass().getSimpleName());
                }
            });
        }
    }

    private byte[] answer(byte[] challenge) {
        byte[] data = new byte[LABEL.length + challenge.length];
        System.arraycopy(LABEL, 0, data, 0, LABEL.length);
        System.arraycopy(challenge, 0, data, LABEL.length, challenge.length);
        return ClusterSecret.hmac(topologySecret, data);
    }

    /** Sends the challenge and checks the answer; then steps aside. Event loop of the channel. */
    private final class ServerHandshake extends ChannelInboundHandlerAdapter {
        private final byte[] challenge = new byte[NONCE_BYTES];
        private ByteBuf received;
        private ScheduledFuture<?> timeout;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            random.nextBytes(challenge);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(challenge.clone()));
            timeout = ctx.executor().schedule(() -> refuse(ctx, "no handshake answer within "
                    + HANDSHAKE_TIMEOUT_MS + " ms"), HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (received == null) {
                received = ctx.alloc().buffer(ANSWER_BYTES);
            }
            int take = Math.min(in.readableBytes(), ANSWER_BYTES - received.readableBytes());
            received.writeBytes(in, take);
            if (received.readableBytes() < ANSWER_BYTES) {
                in.release();
                return;
            }
            byte[] got = new byte[ANSWER_BYTES];
            received.readBytes(got);
            if (!java.security.MessageDigest.isEqual(answer(challenge), got)) {
                in.release();
                refuse(ctx, "wrong handshake answer (not signed with this topology's secret)");
                return;
            }
            timeout.cancel(false);
            release();
            ctx.pipeline().remove(this);
            if (in.isReadable()) {
                ctx.fireChannelRead(in);
            } else {
                in.release();
            }
        }

        private void refuse(ChannelHandlerContext ctx, String why) {
            if (!ctx.channel().isOpen()) {
                return;
            }
            long n = refused.incrementAndGet();
            LOG.warn("Refused a worker connection from {}: {}; {} refused so far", ctx.channel().remoteAddress(), why,
                    n);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            release();
            ctx.fireChannelInactive();
        }

        private void release() {
            if (received != null) {
                received.release();
                received = null;
            }
        }
    }

    /** Answers the challenge, then tells the client it may write frames. Event loop of the channel. */
    private final class ClientHandshake extends ChannelInboundHandlerAdapter {
        private final byte[] challenge = new byte[NONCE_BYTES];
        private int have;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                int take = Math.min(in.readableBytes(), NONCE_BYTES - have);
                in.readBytes(challenge, have, take);
                have += take;
            } finally {
                ReferenceCountUtil.release(in);
            }
            if (have == NONCE_BYTES) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer(challenge)));
                ctx.pipeline().remove(this);
                ctx.fireUserEventTriggered(AUTHENTICATED);
            }
        }
    }
}
