package io.squall.runtime.executor;

import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.stats.ComponentStats;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundCountsTest {
    private final ComponentStats stats = new ComponentStats("bolt", new ManualClock());
    private final ReceiveQueue queue = new ReceiveQueue("target", 8, 0.99, 0.5, new Backpressure());

    @Test
    void countsReachTheComponentOnPublishAndOnlyOnce() {
        RoundCounts c = new RoundCounts();
        c.countInto(stats);
        c.emitted += 3;
        c.transferred += 6;
        c.executed += 2;
        c.acked += 1;
        assertEquals(0, stats.executed.sum(), "kept by the executor until the round ends");
        c.publish();
        c.publish();
        assertEquals(List.of(3L, 6L, 2L, 1L),
                List.of(stats.emitted.sum(), stats.transferred.sum(), stats.executed.sum(), stats.acked.sum()));
    }

    @Test
    void aReceiverNeverSeesATupleItsSenderHasNotCountedAsSent() throws Exception {
        RoundCounts c = new RoundCounts();
        c.countInto(stats);
        Outbox o = new Outbox(queue, 2, c);
        List<Long> sentWhenReceived = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            c.transferred++;
            o.add(1, i);
        }
        o.flush();
        queue.drain((task, m) -> sentWhenReceived.add(stats.transferred.sum()));
        assertEquals(5, sentWhenReceived.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(sentWhenReceived.get(i) >= i + 1, "tuple " + i + " counted before it was published: "
                    + sentWhenReceived);
        }
    }
}
