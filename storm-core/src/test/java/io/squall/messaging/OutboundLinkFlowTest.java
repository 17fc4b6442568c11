package io.squall.messaging;

import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.KryoFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The link writes only while its connection can take more: a receiver that stops reading leaves the link's queue
 * full (which raises backpressure upstream), and once it reads again every message arrives, in order.
 */
@Timeout(60)
class OutboundLinkFlowTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int TUPLES = 800;
    private static final int TUPLE_BYTES = 32 * 1024;

    private final GeneralTopologyContext context;
    private final AtomicBoolean reading = new AtomicBoolean(false);
    private final List<Long> received = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final MessagingServer server;
    private final MessagingClient client;
    private final ReceiveQueue queue = new ReceiveQueue("to-peer", 64, 0.9, 0.5, new Backpressure());
    private final OutboundLink link;

    OutboundLinkFlowTest() throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        context = new GeneralTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words"), "link");
        WireCodec receiving = codec();
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(MAX_FRAME),
                () -> new FrameListener() {
                    @Override
                    public boolean onFrame(Frame frame) {
                        if (!reading.get()) {
                            return readLater(frame);
                        }
                        receiving.read(frame.payload(), frame.length(), task -> true, (task, m) -> {
                            synchronized (received) {
                                received.add(((TupleImpl) m).getMessageId().root(0));
                            }
                        });
                        return true;
                    }

                    private Frame kept;

                    private boolean readLater(Frame frame) {
                        kept = frame.copy();
                        return false;
                    }

                    @Override
                    public boolean retry() {
                        if (!reading.get()) {
                            return false;
                        }
                        Frame f = kept;
                        kept = null;
                        return f == null || onFrame(f);
                    }

                    @Override
                    public void onClose() {
                    }
                });
        client = new MessagingClient("peer", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, 16 * 1024));
        link = new OutboundLink(queue, client, codec(), new OutboundLink.Limits(MAX_FRAME / 2, MAX_FRAME),
                (task, tuple, bytes, sameLink) -> failure.set(new AssertionError("rejected " + bytes)), failure::set);
    }

    private WireCodec codec() {
        return new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), context);
    }

    @AfterEach
    void stop() {
        link.stop();
        client.close();
        server.close();
        group.shutdownGracefully();
    }

    @Test
    void aReceiverThatStopsReadingStopsTheLinkAndEverythingArrivesInOrderOnceItReadsAgain() throws Exception {
        link.start();
        Thread producer = new Thread(() -> {
            for (long i = 0; i < TUPLES; ) {
                TupleImpl t = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"),
                        1, new Values((Object) new byte[TUPLE_BYTES]), MessageId.of(i, 1L));
                while (!queue.tryPublish(1, t)) {
                    Thread.onSpinWait();
                }
                i++;
            }
        });
        producer.start();
        // 25 MB do not fit in the sockets' buffers: the connection goes above its high-water mark, the link stops
        // draining and its queue fills.
        Await.until(Duration.ofSeconds(30), () -> queue.population() == queue.capacity(),
                () -> "queue " + queue + ", received " + received.size());
        reading.set(true);
        producer.join();
        Await.until(Duration.ofSeconds(30), () -> {
            synchronized (received) {
                return received.size() == TUPLES;
            }
        }, () -> "received " + received.size());
        for (int i = 0; i < TUPLES; i++) {
            assertEquals(i, received.get(i), "in order");
        }
        assertNull(failure.get());
        assertEquals(0, client.lostFrames());
    }
}
