package io.squall.security;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker handshake, client and server pipelines wired to each other in memory. */
class TransportSecurityTest {
    private final ClusterSecret secret = ClusterSecret.of("0123456789abcdef0123".getBytes());

    /** Records what passes the handshake: bytes and user events. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final StringBuilder bytes = new StringBuilder();
        final List<Object> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            bytes.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    private record Pair(EmbeddedChannel server, Sink serverSink, EmbeddedChannel client, Sink clientSink) { }

    private static Pair connect(TransportSecurity serverSide, TransportSecurity clientSide) {
        Sink serverSink = new Sink();
        EmbeddedChannel server = new EmbeddedChannel();
        server.pipeline().addLast(serverSink);
        serverSide.secureServer(server);
        server.pipeline().fireChannelActive();
        Sink clientSink = new Sink();
        EmbeddedChannel client = new EmbeddedChannel(clientSink);
        clientSide.secureClient(client, "localhost", 1);
        pump(server, client);
        pump(client, server);
        return new Pair(server, serverSink, client, clientSink);
    }

    /** Moves what {@code from} wrote into {@code to}. */
    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        Object o;
        while ((o = from.readOutbound()) != null) {
            if (to.isOpen()) {
                to.writeInbound(o);
            } else {
                ((ByteBuf) o).release(); // The peer closed the connection: nothing more arrives.
            }
        }
    }

    @Test
    void aWorkerOfTheSameTopologyPassesAndItsFramesFollow() {
        TransportSecurity a = TransportSecurity.of(null, secret.topologySecret("wc-1"));
        Pair p = connect(a, TransportSecurity.of(null, secret.topologySecret("wc-1")));
        assertEquals(List.of(TransportSecurity.AUTHENTICATED), p.clientSink().events);
        p.client().writeOutbound(Unpooled.copiedBuffer("frame", StandardCharsets.US_ASCII));
        pump(p.client(), p.server());
        assertEquals("frame", p.serverSink().bytes.toString());
        assertTrue(p.server().isOpen());
        assertEquals(0, a.refusedConnections());
    }

    @Test
    void aWorkerWithAnotherTopologysSecretIsRefusedCountedAndSeesNoFrame() {
        TransportSecurity a = TransportSecurity.of(null, secret.topologySecret("wc-1"));
        Pair p = connect(a, TransportSecurity.of(null, secret.topologySecret("other-2")));
        p.client().writeOutbound(Unpooled.copiedBuffer("forged", StandardCharsets.US_ASCII));
        pump(p.client(), p.server());
        assertFalse(p.server().isOpen());
        assertEquals("", p.serverSink().bytes.toString());
        assertEquals(1, a.refusedConnections());
    }

    @Test
    void aClientThatSendsFramesWithoutAnsweringIsRefused() {
        TransportSecurity a = TransportSecurity.of(null, secret.topologySecret("wc-1"));
        Pair p = connect(a, TransportSecurity.NONE);
        p.client().writeOutbound(Unpooled.copiedBuffer("0123456789012345678901234567890123456789",
                StandardCharsets.US_ASCII));
        pump(p.client(), p.server());
        assertFalse(p.server().isOpen());
        assertEquals("", p.serverSink().bytes.toString());
        assertEquals(1, a.refusedConnections());
    }

    @Test
    void withSecurityOffNothingIsAddedToThePipeline() {
        EmbeddedChannel ch = new EmbeddedChannel();
        int before = ch.pipeline().names().size();
        TransportSecurity.NONE.secureServer(ch);
        TransportSecurity.NONE.secureClient(ch, "localhost", 1);
        assertEquals(before, ch.pipeline().names().size());
    }
}
