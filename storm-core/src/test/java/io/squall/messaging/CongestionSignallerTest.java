package io.squall.messaging;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class CongestionSignallerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Byte> states = new CopyOnWriteArrayList<>();
    private final MessagingServer server;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("transport", true));
    private final MessagingClient client;
    private final AtomicBoolean congested = new AtomicBoolean();
    private final AtomicLong clock = new AtomicLong();

    CongestionSignallerTest() throws InterruptedException {
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(1024),
                () -> new FrameListener() {
                    @Override
                    public boolean onFrame(Frame frame) {
                        states.add(frame.payload()[0]);
                        return true;
                    }

                    @Override
                    public void onClose() {
                    }
                });
        client = new MessagingClient("peer", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, 1 << 20));
        Await.until(WAIT, client::isConnected, () -> "connected");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        group.shutdownGracefully();
    }

    @Test
    void sendsEachChangeAtOnceAndRefreshesAnUnchangedState() {
        CongestionSignaller s = new CongestionSignaller(congested::get, () -> List.of(client), 1000, clock::get);
        assertTrue(s.check(), "the first state is told");
        assertFalse(s.check(), "nothing new");
        congested.set(true);
        assertTrue(s.check(), "a change is told at once");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertFalse(s.check());
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertTrue(s.check(), "refreshed, so the peer's expiry does not drop it");
        Await.until(WAIT, () -> states.size() == 3, () -> "frames " + states);
        assertEquals(List.of((byte) 0, (byte) 1, (byte) 1), states);
        assertEquals(3, s.framesSent());
    }

    @Test
    void runsOnTheTransportThreadNotTheCallers() {
        AtomicReference<String> checkedOn = new AtomicReference<>();
        CongestionSignaller s = new CongestionSignaller(() -> {
            checkedOn.set(Thread.currentThread().getName());
            return congested.get();
        }, () -> List.of(client), 1000, System::nanoTime);
        try {
            s.start(group, 5);
            Await.until(WAIT, () -> !states.isEmpty(), () -> "first state " + states);
            congested.set(true);
            Await.until(WAIT, () -> states.contains((byte) 1), () -> "congestion told " + states);
            assertTrue(checkedOn.get().startsWith("transport"), "checked on " + checkedOn.get());
        } finally {
            s.close();
        }
    }
}
