package io.squall.runtime.executor;

import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxTest {
    private final Backpressure bp = new Backpressure();
    private final ReceiveQueue queue = new ReceiveQueue("target", 8, 0.99, 0.5, bp);
    private final List<Object> received = new ArrayList<>();

    private int drain() throws Exception {
        return queue.drain((task, m) -> received.add(m));
    }

    @Test
    void publishesInBatchesOfTheConfiguredSize() throws Exception {
        Outbox o = new Outbox(queue, 4);
        for (int i = 0; i < 3; i++) {
            o.add(1, i);
        }
        assertEquals(0, queue.population(), "held until the batch is full or flushed");
        o.add(1, 3);
        assertEquals(4, queue.population());
        o.add(1, 4);
        assertEquals(1, o.flush());
        drain();
        assertEquals(List.of(0, 1, 2, 3, 4), received);
    }

    @Test
    void keepsWhatAFullQueueCannotTakeRaisesBackpressureAndLosesNothing() throws Exception {
        Outbox o = new Outbox(queue, 4);
        for (int i = 0; i < 20; i++) {
            o.add(1, i);
        }
        o.flush();
        assertEquals(8, queue.population());
        assertTrue(o.isOverflowing());
        assertEquals(12, o.depth(), "what did not fit stays in the outbox");
        assertTrue(bp.isCongested(), "an overflowing producer holds a backpressure token");
        drain();
        o.flush();
        drain();
        o.flush();
        assertEquals(0, o.depth());
        assertFalse(o.isOverflowing());
        drain();
        assertFalse(bp.isCongested(), "every token returned once the outbox and the queue are empty");
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, received, "in order, none lost");
    }

    @Test
    void closeReturnsTheBackpressureTokenItHolds() {
        Outbox o = new Outbox(queue, 4);
        for (int i = 0; i < 12; i++) {
            o.add(1, i);
        }
        o.flush();
        assertTrue(bp.isCongested());
        o.close();
        queue.close();
        assertEquals(0, bp.tokens());
    }
}
