package io.squall.messaging;

import io.squall.Await;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.EncodedBatch;
import io.squall.serialization.KryoFactory;
import io.squall.tuple.TupleImpl;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class OutboundLinkTest {
    private static final int MAX_FRAME = LinkRig.MAX_FRAME;
    private static final int BATCH = 60 * 1024;

    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final List<Integer> frameSizes = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    /** Runs on the link's event loop when it rejects a tuple, in the middle of its drain. */
    private volatile Runnable onReject = () -> { };
    private final LinkRig rig;
    private final ReceiveQueue queue;
    private final OutboundLink link;
    private final AtomicReference<Throwable> failure;

    OutboundLinkTest() throws InterruptedException {
        rig = new LinkRig(new LinkRig.Settings(Map.of(1, "words", 2, "__acker"), 1024, 1 << 20, BATCH),
                receiving -> new FrameListener() {
                    @Override
                    public boolean onFrame(Frame frame) {
                        frameSizes.add(frame.length());
                        receiving.read(frame.payload(), frame.length(), task -> true, (task, m) -> received.add(m));
                        return true;
                    }

                    @Override
                    public void onClose() {
                    }
                },
                (task, tuple, bytes, sameLink) -> {
                    onReject.run();
                    rejected.add(tuple.getSourceComponent() + "/" + tuple.getSourceStreamId() + "/" + bytes);
                    sameLink.accept(2, new AckMessage.Fail(tuple.getMessageId().root(0), tuple.getSourceTask()));
                });
        queue = rig.queue;
        link = rig.link;
        failure = rig.failure;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private TupleImpl tuple(int bytes, long root) {
        return rig.tuple(bytes, root);
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
    void aFullFrameLeavesBeforeTheDrainThatFilledItEnds() {
        AtomicReference<String> seenMidDrain = new AtomicReference<>();
        // The rejection runs on the event loop in the middle of the drain: the two frames before it must have
        // reached the server by then, not wait for the drain's end.
        onReject = () -> {
            try {
                Await.until(Duration.ofSeconds(10), () -> received.size() == 2, () -> "the frames before it");
                seenMidDrain.set("both frames");
            } catch (AssertionError e) {
                seenMidDrain.set("received " + received.size() + " while the drain ran");
            }
        };
        assertTrue(queue.tryPublish(2, tuple(40 * 1024, 1)));
        assertTrue(queue.tryPublish(2, tuple(30 * 1024, 2)));
        assertTrue(queue.tryPublish(2, tuple(MAX_FRAME * 3, 3)));
        link.start();
        Await.until(Duration.ofSeconds(20), () -> received.size() == 3, () -> "received " + received);
        assertEquals("both frames", seenMidDrain.get());
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

    @Test
    void aBatchAnExecutorEncodedIsSentOnceInItsOrderAndHandedBackAfterItsLastEntry() {
        ManyToOneConcurrentArrayQueue<EncodedBatch> pool = new ManyToOneConcurrentArrayQueue<>(4);
        WireCodec executors = new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(),
                List.of()), rig.context);
        EncodedBatch b = new EncodedBatch(64, 4096, pool);
        executors.write(b.output(), 2, tuple(10, 1));
        executors.write(b.output(), 2, tuple(20, 2));
        b.seal(2);
        assertTrue(queue.tryPublish(2, tuple(5, 3)));
        assertTrue(queue.tryPublish(2, b));
        assertTrue(queue.tryPublish(2, b));
        assertTrue(queue.tryPublish(2, tuple(30, 4)));
        link.start();
        Await.until(Duration.ofSeconds(20), () -> received.size() == 4, () -> "received " + received);
        assertEquals(List.of(5, 10, 20, 30), received.stream().map(OutboundLinkTest::size).toList(),
                "each message once, in the order of the queue");
        assertEquals(List.of(3L, 1L, 2L, 4L), received.stream().map(m -> ((TupleImpl) m).treeRoot(0)).toList());
        Await.until(Duration.ofSeconds(20), () -> pool.size() == 1, () -> "the batch was not handed back");
        assertSame(b, pool.poll());
        assertEquals(0, b.length(), "handed back empty");
        assertNull(failure.get());
    }
}
