package io.squall.messaging;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's flow control: a full listener pauses only its own connection; memory for partial frames is bounded. */
@Timeout(60)
class MessagingServerFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicBoolean gateOpen = new AtomicBoolean();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MessagingServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * A listener per connection that records each frame as text; a frame starting with 'G' waits for the gate,
     * as a dispatcher waits for a full queue, keeping the frame until the gate opens.
     */
    private FrameListener gatedListener() {
        return new FrameListener() {
            private Frame kept;

            @Override
            public boolean onFrame(Frame frame) {
                if (frame.type() == Frame.MESSAGES && frame.payload()[0] == 'G' && !gateOpen.get()) {
                    kept = frame.copy(); // The frame is valid only during this call.
                    return false;
                }
                record(frame);
                return true;
            }

            @Override
            public boolean retry() {
                if (!gateOpen.get()) {
                    return false;
                }
                record(kept);
                kept = null;
                return true;
            }

            private void record(Frame frame) {
                delivered.add(frame.type() == Frame.BACKPRESSURE ? "bp" + frame.payload()[0]
                        : new String(frame.payload(), 0, frame.length()));
            }

            @Override
            public void onClose() {
            }
        };
    }

    private MessagingClient client(NioEventLoopGroup group) {
        MessagingClient c = new MessagingClient("peer", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, 1 << 20));
        resources.add(c);
        return c;
    }

    private static Frame text(String s) {
        return new Frame(Frame.MESSAGES, s.getBytes());
    }

    @Test
    void aFullReceiverPausesOnlyItsOwnConnectionAndOtherPeersKeepFlowing() throws Exception {
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(1 << 16),
                this::gatedListener);
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        resources.add(group::shutdownGracefully);
        MessagingClient congested = client(group);
        MessagingClient other = client(group);
        congested.send(text("G1"));
        congested.send(text("a2"));
        congested.send(text("a3"));
        Await.until(WAIT, () -> server.pauses() == 1, () -> "the connection paused: " + delivered);
        other.send(text("b1"));
        other.send(Frame.backpressure(true));
        other.send(text("b2"));
        Await.until(WAIT, () -> delivered.size() == 3, () -> "the other peer's frames: " + delivered);
        assertEquals(List.of("b1", "bp1", "b2"), delivered, "frames and backpressure of another peer still arrive");

        gateOpen.set(true);
        Await.until(WAIT, () -> delivered.size() == 6, () -> "the paused connection resumes: " + delivered);
        assertEquals(List.of("G1", "a2", "a3"), delivered.subList(3, 6), "in order, nothing lost");
        congested.send(text("a4"));
        Await.until(WAIT, () -> delivered.contains("a4"), () -> "reading again after the pause: " + delivered);
        assertEquals(0, server.framesDroppedOnClose());
    }

    /** Opens a raw connection and sends the header of a frame of {@code length} bytes and a part of its payload. */
    private Socket partialFrame(int length, int part) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        resources.add(s);
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(5).putInt(length).put(Frame.MESSAGES).array());
        out.write(new byte[part]);
        out.flush();
        return s;
    }

    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(10_000);
            return s.getInputStream().read() == -1;
        } catch (SocketException e) {
            return true; // Reset by the server.
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void manySlowPeersEachSendingPartOfABigFrameCannotHoldMoreThanTheLimit() throws Exception {
        int frame = 300_000;
        long limit = 1_000_000; // Room for three such frames in progress.
        server = new MessagingServer("127.0.0.1", 0, new MessagingServer.Settings(1 << 20, 1 << 20, limit, 100),
                this::gatedListener);
        List<Socket> peers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            peers.add(partialFrame(frame, 1000));
        }
        Await.until(WAIT, () -> server.refusedFrames() == 9, () -> "refused " + server.refusedFrames());
        assertEquals(3L * (frame + Frame.HEADER_BYTES), server.inboundBytesReserved());
        List<Socket> open = new ArrayList<>();
        for (Socket s : peers) {
            s.setSoTimeout(200);
            try {
                if (s.getInputStream().read() == -1) {
                    continue;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                open.add(s);
                continue;
            } catch (SocketException reset) {
                continue;
            }
        }
        assertEquals(3, open.size(), "three frames in progress are held");
        assertTrue(server.inboundBytesReserved() <= limit);

        open.get(0).getOutputStream().write(new byte[frame - 1 - 1000]); // Completes its frame.
        open.get(0).getOutputStream().flush();
        Await.until(WAIT, () -> delivered.size() == 1, () -> "the completed frame");
        Await.until(WAIT, () -> server.inboundBytesReserved() == 2L * (frame + Frame.HEADER_BYTES),
                () -> "reserved " + server.inboundBytesReserved());
        Socket again = partialFrame(frame, 10);
        Await.until(WAIT, () -> server.inboundBytesReserved() == 3L * (frame + Frame.HEADER_BYTES),
                () -> "a new frame fits in the room freed: " + server.inboundBytesReserved());
        assertEquals(9, server.refusedFrames());
        again.close();
        open.get(1).close();
        open.get(2).close();
        Await.until(WAIT, () -> server.inboundBytesReserved() == 0, () -> "closed connections release their room");
        assertEquals(0, server.malformedFrames(), "refusals are not counted as malformed");
    }

    @Test
    void aFrameLongerThanOneConnectionMayHoldIsRefused() {
        server = newServer(new MessagingServer.Settings(1 << 20, 1000, 1 << 20, 100));
        EmbeddedChannel ch = new EmbeddedChannel();
        server.initPipeline(ch);
        ch.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(5).putInt(1001).put(Frame.MESSAGES).array()));
        assertFalse(ch.isOpen());
        assertEquals(1, server.refusedFrames());
        EmbeddedChannel ok = new EmbeddedChannel();
        server.initPipeline(ok);
        ok.writeInbound(Unpooled.wrappedBuffer(ByteBuffer.allocate(5).putInt(1000).put(Frame.MESSAGES).array()));
        assertTrue(ok.isOpen(), "a frame of exactly the limit waits for its bytes");
        assertEquals(1004, server.inboundBytesReserved());
        ok.close();
        assertEquals(0, server.inboundBytesReserved());
    }

    @Test
    void aSocketRefusedForMemoryIsClosed() throws Exception {
        server = newServer(new MessagingServer.Settings(1 << 20, 1 << 20, 100, 100));
        Socket s = partialFrame(200, 10);
        assertTrue(closedByPeer(s));
        Await.until(WAIT, () -> server.refusedFrames() == 1, () -> "counted");
    }

    private MessagingServer newServer(MessagingServer.Settings settings) {
        try {
            return new MessagingServer("127.0.0.1", 0, settings, this::gatedListener);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
