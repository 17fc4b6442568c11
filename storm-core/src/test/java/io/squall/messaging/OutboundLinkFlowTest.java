package io.squall.messaging;

import io.squall.Await;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.tuple.TupleImpl;
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
    private static final int TUPLES = 800;
    private static final int TUPLE_BYTES = 32 * 1024;

    private final AtomicBoolean reading = new AtomicBoolean(false);
    private final List<Long> received = new ArrayList<>();
    private final AtomicReference<String> rejected = new AtomicReference<>();
    private final LinkRig rig;
    private final ReceiveQueue queue;

    OutboundLinkFlowTest() throws InterruptedException {
        rig = new LinkRig(new LinkRig.Settings(Map.of(1, "words"), 64, 16 * 1024, LinkRig.MAX_FRAME / 2),
                receiving -> new FrameListener() {
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
                },
                (task, tuple, bytes, sameLink) -> rejected.set(tuple + " (" + bytes + " bytes)"));
        queue = rig.queue;
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aReceiverThatStopsReadingStopsTheLinkAndEverythingArrivesInOrderOnceItReadsAgain() throws Exception {
        rig.link.start();
        Thread producer = new Thread(() -> {
            for (long i = 0; i < TUPLES; ) {
                TupleImpl t = rig.tuple(TUPLE_BYTES, i);
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
        assertNull(rig.failure.get());
        assertNull(rejected.get(), "nothing rejected");
        assertEquals(0, rig.client.lostFrames());
    }
}
