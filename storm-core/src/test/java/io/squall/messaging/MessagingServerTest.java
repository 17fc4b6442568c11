package io.squall.messaging;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class MessagingServerTest {
    private static final int MAX_FRAME = 1024;

    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private MessagingServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(MAX_FRAME),
                () -> new FrameListener() {
            @Override
            public boolean onFrame(Frame frame) {
                if (frame.length() > 0 && frame.payload()[0] == 'X') {
                    throw new MalformedFrameException("content starting with X is invalid");
                }
                received.add(frame.copy()); // The frame is valid only during this call.
                return true;
            }

            @Override
            public void onClose() {
                closed.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] frame(int length, byte type, byte[] payload) {
        return ByteBuffer.allocate(4 + 1 + payload.length).putInt(length).put(type).put(payload).array();
    }

    @Test
    void deliversWellFormedFramesSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel();
        server.initPipeline(ch);
        byte[] bytes = frame(4, Frame.MESSAGES, new byte[] {1, 2, 3});
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 2));
        ch.writeInbound(Unpooled.wrappedBuffer(bytes, 2, bytes.length - 2));
        assertEquals(1, received.size());
        assertArrayEquals(new byte[] {1, 2, 3}, received.get(0).payload());
        assertTrue(ch.isOpen());
    }

    @Test
    void handsOnEachOfManyFramesInOneReadWithItsOwnBytesSmallAndLarge() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(FrameDecoder.REUSED_BYTES * 2),
                new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        received.add(((Frame) msg).copy()); // Valid only during this call.
                    }
                });
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int[] sizes = {3, 1, 200, FrameDecoder.REUSED_BYTES + 5, 2};
        for (int i = 0; i < sizes.length; i++) {
            byte[] payload = new byte[sizes[i]];
            java.util.Arrays.fill(payload, (byte) (i + 1));
            all.writeBytes(frame(payload.length + 1, Frame.MESSAGES, payload));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(all.toByteArray()));
        assertEquals(sizes.length, received.size());
        for (int i = 0; i < sizes.length; i++) {
            byte[] expected = new byte[sizes[i]];
            java.util.Arrays.fill(expected, (byte) (i + 1));
            assertArrayEquals(expected, received.get(i).payload());
        }
    }

    @Test
    void closesTheConnectionOnOversizedUnknownOrInvalidFrames() {
        byte[][] bad = {
            frame(MAX_FRAME + 1, Frame.MESSAGES, new byte[0]),
            frame(-5, Frame.MESSAGES, new byte[0]),
            frame(0, Frame.MESSAGES, new byte[0]),
            frame(2, (byte) 99, new byte[] {0}),
            frame(2, Frame.MESSAGES, new byte[] {'X'}),
        };
        for (byte[] b : bad) {
            EmbeddedChannel ch = new EmbeddedChannel();
            server.initPipeline(ch);
            ch.writeInbound(Unpooled.wrappedBuffer(b));
            assertFalse(ch.isOpen(), "connection left open after " + Arrays.toString(b));
        }
        assertEquals(bad.length, server.malformedFrames());
        assertTrue(received.isEmpty());
    }

    @Test
    void randomAndTruncatedBytesNeverEscapeAsExceptions() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            EmbeddedChannel ch = new EmbeddedChannel();
            server.initPipeline(ch);
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            ch.writeInbound(Unpooled.wrappedBuffer(junk));
            ch.finish();
            assertFalse(ch.isOpen());
        }
        byte[] truncated = frame(10, Frame.MESSAGES, new byte[] {1, 2});
        EmbeddedChannel ch = new EmbeddedChannel();
        server.initPipeline(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(truncated));
        assertTrue(ch.isOpen(), "a partial frame waits for the rest");
        ch.close();
        assertTrue(server.malformedFrames() > 0);
    }

    @Test
    void aSocketSendingGarbageIsClosedAndTheServerKeepsServingOthers() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
            out.flush();
            Await.until(Duration.ofSeconds(10), () -> server.malformedFrames() == 1, () -> "garbage counted");
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "the server closes the connection");
        }
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        MessagingClient client = new MessagingClient("test", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, 1 << 20));
        try {
            long garbage = server.bytesIn();
            assertTrue(garbage >= 4, "at least the bad length header was counted in: " + garbage);
            assertTrue(client.send(new Frame(Frame.MESSAGES, new byte[] {7})));
            Await.until(Duration.ofSeconds(10), () -> received.size() == 1, () -> "frame from a good client");
            assertEquals(1, server.malformedFrames());
            assertTrue(client.bytesOut() > 1, "a frame is more than its one-byte payload: " + client.bytesOut());
            assertEquals(client.bytesOut(), server.bytesIn() - garbage, "bytes out of the client = bytes into the server");
        } finally {
            client.close();
            group.shutdownGracefully();
        }
    }

    @Test
    void theClientReconnectsAfterTheServerComesBack() throws Exception {
        int port = server.port();
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        MessagingClient client = new MessagingClient("test", "127.0.0.1", port, group,
                new MessagingClient.Settings(10, 100, 1 << 20));
        try {
            Await.until(Duration.ofSeconds(10), client::isConnected, () -> "first connection");
            server.close();
            Await.until(Duration.ofSeconds(10), () -> !client.isConnected(), () -> "connection lost");
            server = new MessagingServer("127.0.0.1", port, MessagingServer.Settings.ofMaxFrame(MAX_FRAME),
                    () -> new FrameListener() {
                @Override
                public boolean onFrame(Frame frame) {
                    received.add(frame);
                    return true;
                }

                @Override
                public void onClose() {
                }
            });
            assertTrue(client.send(new Frame(Frame.MESSAGES, new byte[] {9})));
            Await.until(Duration.ofSeconds(10), () -> received.size() == 1, () -> "frame after reconnecting");
        } finally {
            client.close();
            group.shutdownGracefully();
        }
    }

    /**
     * A peer that accepts and at once closes (it cannot read what it is sent, say) is asked again later and later:
     * the backoff starts over only after a connection that lasted.
     */
    @Test
    void aPeerThatClosesAtOnceIsReconnectedToWithGrowingBackoff() throws Exception {
        List<Long> accepts = new CopyOnWriteArrayList<>();
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!refusing.isClosed()) {
                    try {
                        refusing.accept().close();
                        accepts.add(System.nanoTime());
                    } catch (IOException e) {
                        return; // Closed.
                    }
                }
            }, "refusing-peer");
            acceptor.setDaemon(true);
            acceptor.start();
            NioEventLoopGroup group = new NioEventLoopGroup(1);
            MessagingClient client = new MessagingClient("test", "127.0.0.1", refusing.getLocalPort(), group,
                    new MessagingClient.Settings(10, 1000, 1 << 20));
            try {
                Await.until(Duration.ofSeconds(20), () -> accepts.size() >= 6, () -> "six connections, got " + accepts);
            } finally {
                client.close();
                group.shutdownGracefully();
            }
        }
        // Delays of 10, 20, 40, 80 and 160 ms: the fifth gap is at least the scheduled 160 ms (only load makes it
        // longer). Had each short connection reset the backoff, every gap would be about 10 ms.
        long fifthGapMs = (accepts.get(5) - accepts.get(4)) / 1_000_000;
        assertTrue(fifthGapMs >= 100, "gap between the fifth and sixth connection: " + fifthGapMs + " ms");
    }
}
