package io.squall.security;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits right after a server's TLS handler: a connection that does not speak TLS, or whose TLS handshake fails, is
 * closed, logged and counted. The log names the exception's class only: its message may quote the bytes the
 * client sent in clear, which could hold a credential. One per channel; the event loop of the channel.
 */
public final class TlsGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsGuard.class);

    private final String what;
    private final AtomicLong refused;

    /**
     * A guard counting into {@code refused}.
     *
     * @param what the server, for the log ("Nimbus API")
     */
    public TlsGuard(String what, AtomicLong refused) {
        this.what = what;
        this.refused = refused;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SSLException tls = tlsCause(cause);
        if (tls == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (ctx.channel().isOpen()) {
            long n = refused.incrementAndGet();
            LOG.warn("Refused a {} connection from {}: not TLS, or its TLS handshake failed ({}); {} refused so far",
                    what, ctx.channel().remoteAddress(), tls.getClass().getSimpleName(), n);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
            exceptionCaught(ctx, e.cause());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static SSLException tlsCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException s) {
                return s;
            }
        }
        return null;
    }
}
