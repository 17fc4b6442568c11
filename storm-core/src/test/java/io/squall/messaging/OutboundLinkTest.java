package io.squall.messaging;

import io.netty.channel.nio.NioEventLoopGroup;
import io.squall.Await;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class OutboundLinkTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int BATCH = 60 * 1024;

    private final GeneralTopologyContext context;
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final List<Integer> frameSizes = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final MessagingServer server;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final MessagingClient client;
    private final ReceiveQueue queue = new ReceiveQueue("to-peer", 1024, 0.9, 0.5, new Backpressure());
    private final OutboundLink link;

    OutboundLinkTest() throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        context = new GeneralTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words", 2, "__acker"), "link");
        WireCodec receiving = codec();
        server = new MessagingServer("127.0.0.1", 0, MessagingServer.Settings.ofMaxFrame(MAX_FRAME),
                () -> new FrameListener() {
                    @Override
                    public boolean onFrame(Frame frame) {
                        frameSizes.add(frame.length());
                        receiving.read(frame.payload(), frame.length(), task -> true, (task, m) -> received.add(m));
                        return true;
                    }

                    @Override
                    public void onClose() {
                    }
                });
        client = new MessagingClient("peer", "127.0.0.1", server.port(), group,
                new MessagingClient.Settings(10, 100, 1 << 20));
        link = new OutboundLink(queue, client, codec(), new OutboundLink.Limits(BATCH, MAX_FRAME),
                (task, tuple, bytes, sameLink) -> {
                    rejected.add(tuple.getSourceComponent() + "/" + tuple.getSourceStreamId() + "/" + bytes);
                    sameLink.accept(2, new AckMessage.Fail(tuple.getMessageId().root(0), tuple.getSourceTask()));
                }, failure::set);
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

    private TupleImpl tuple(int bytes, long root) {
        return new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values((Object) new byte[bytes]), MessageId.of(root, 1L));
    }

    private static int size(Object m) {
        return ((byte[]) ((TupleImpl) m).getValue(0)).length;
    }

    @Test
    void aTupleTooLargeForAFrameIsFailedAndTheLinkGoesOn() {
        link.start();
        assertTrue(queue.tryPublish(2, tuple(10, 1)));
        assertTrue(queue.tryPublish(2, tuple(MAX_FRAME * 3, 2)));
        assertTrue(queue.tryPublish(2, tuple(20, 3)));
        Await.until(Duration.ofSeconds(20), () -> received.size() == 3, () -> "received " + received);
        assertEquals(10, size(received.get(0)));
        assertEquals(new AckMessage.Fail(2, 1), received.get(1), "the oversized tuple's tree is failed");
        assertEquals(20, size(received.get(2)), "later tuples still flow");
        assertEquals(1, rejected.size());
        String[] r = rejected.get(0).split("/");
        assertEquals("words", r[0]);
        assertEquals("default", r[1]);
        assertTrue(Long.parseLong(r[2]) > MAX_FRAME * 3L, "the size is measured: " + rejected);
        assertNull(failure.get(), "the link did not fail");
    }

    @Test
    void aTupleThatFitsAFrameOnlyAloneIsSentInAFrameOfItsOwn() {
        link.start();
        assertTrue(queue.tryPublish(2, tuple(40 * 1024, 1)));
        assertTrue(queue.tryPublish(2, tuple(40 * 1024, 2)));
        assertTrue(queue.tryPublish(2, tuple(5, 3)));
        Await.until(Duration.ofSeconds(20), () -> received.size() == 3, () -> "received " + received);
        assertEquals(List.of(40 * 1024, 40 * 1024, 5), received.stream().map(OutboundLinkTest::size).toList());
        assertTrue(frameSizes.stream().allMatch(n -> n <= MAX_FRAME - 1), "frames " + frameSizes);
        assertTrue(rejected.isEmpty(), "nothing rejected: " + rejected);
        assertNull(failure.get());
    }

    @Test
    void anAckBatchCrossesAsOneBatchInOrderWithConsecutiveUpdatesOfATreeXored() {
        link.start();
        AckBatch b = new AckBatch(2);
        b.add(AckBatch.INIT, 5, 9, 1);
        b.add(AckBatch.UPDATE, 5, 3, -1);
        b.add(AckBatch.UPDATE, 5, 10, -1);
        b.add(AckBatch.FAIL, 6, 0, 1);
        assertTrue(queue.tryPublish(2, b));
        Await.until(Duration.ofSeconds(20), () -> received.size() == 1, () -> "received " + received);
        AckBatch got = (AckBatch) received.get(0);
        assertEquals(3, got.size());
        assertEquals(new AckMessage.Init(5, 9, 1), got.message(0));
        assertEquals(new AckMessage.Update(5, 3 ^ 10), got.message(1));
        assertEquals(new AckMessage.Fail(6, 1), got.message(2));
        assertNull(failure.get());
    }
}
