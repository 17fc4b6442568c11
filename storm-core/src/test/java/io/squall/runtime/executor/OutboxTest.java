package io.squall.runtime.executor;

import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.tuple.Fields;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Test
    void firstTuplesSentAsPartsReachTheReceiverAsTuplesWithTheirOwnSourceValuesAndTree() throws Exception {
        TupleSource a = new TupleSource("spout", "a", new Fields("n"), 7);
        TupleSource b = new TupleSource("spout", "b", new Fields("n"), 7);
        Outbox o = new Outbox(queue, 4);
        List<Object> sent = new ArrayList<>();
        // 60 messages through a lane of 8 slots, batches of 4, and an outbox that overflows and grows: plain messages
        // land in slots that held parts and the other way round, and the source changes in the middle of batches.
        for (int i = 0; i < 60; i++) {
            if (i % 5 == 2) {
                o.add(1, "plain " + i);
                sent.add("plain " + i);
            } else {
                TupleSource source = i % 7 < 3 ? a : b;
                List<Object> values = List.of(i);
                o.addFirstOfTree(1, source, values, 1000 + i);
                sent.add(new Object[] {source, values, 1000L + i});
            }
            if (i % 9 == 8) {
                o.flush();
                drain();
            }
        }
        while (o.depth() > 0 || queue.population() > 0) {
            o.flush();
            drain();
        }
        assertEquals(sent.size(), received.size(), "none lost");
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i) instanceof Object[] parts) {
                TupleImpl t = assertInstanceOf(TupleImpl.class, received.get(i), "message " + i);
                assertSame(parts[0], t.source(), "the source of message " + i);
                assertSame(parts[1], t.getValues(), "the values are shared, not copied");
                long root = (Long) parts[2];
                assertTrue(t.isSingleTree());
                assertEquals(root, t.treeRoot(0));
                assertEquals(TupleImpl.firstEdge(root), t.treeEdge(0), "a first tuple's edge");
                assertEquals(0, t.ackVal());
            } else {
                assertEquals(sent.get(i), received.get(i), "a plain message stays itself");
            }
        }
        assertNotSame(received.get(0), received.get(1), "a tuple per message");
    }

    @Test
    void aLaneThatCarriedPartsCarriesPlainMessagesOfAnotherProducerUnchanged() throws Exception {
        TupleSource a = new TupleSource("spout", "a", new Fields("n"), 7);
        Outbox spout = new Outbox(queue, 4);
        Outbox other = new Outbox(queue, 4);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3; i++) {
                spout.addFirstOfTree(1, a, List.of(i), 1 + i);
                other.add(1, List.of(i));
            }
            spout.flush();
            other.flush();
        }
        while (queue.population() > 0 || spout.depth() > 0 || other.depth() > 0) {
            drain();
            spout.flush();
            other.flush();
        }
        assertEquals(30, received.size());
        long tuples = received.stream().filter(m -> m instanceof TupleImpl).count();
        assertEquals(15, tuples, "only the parts become tuples; the other lane's lists stay lists");
    }
}
