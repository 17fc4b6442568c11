package io.squall.runtime.executor;

import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.tuple.Fields;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aConsumerOnAnotherThreadMakesEveryTupleFromThePartsAProducerThreadPublished() throws Exception {
        ReceiveQueue q = new ReceiveQueue("target", 1024, 0.99, 0.5, bp);
        TupleSource[] byStream = {
            new TupleSource("spout", "a", new Fields("n"), 7),
            new TupleSource("spout", "b", new Fields("n"), 7),
            new TupleSource("spout", "c", new Fields("n"), 7)};
        int total = 200_000;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        Thread producer = new Thread(() -> {
            try {
                Outbox o = new Outbox(q, 64);
                for (int i = 1; i <= total; i++) {
                    // Plain messages first, so the lane's columns are made while the consumer is already draining it.
                    if (i < 5_000 || i % 11 == 0) {
                        o.add(1, (long) -i);
                    } else {
                        o.addFirstOfTree(1, byStream[(i / 7) % 3], List.of(i), i);
                    }
                    if (i % 50 == 0) {
                        o.flush();
                    }
                }
                o.flush();
                while (o.depth() > 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    o.flush();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "outbox-test-producer");
        producer.setDaemon(true);
        producer.start();
        int[] seen = {0};
        while (seen[0] < total && failed.get() == null && System.nanoTime() < deadline) {
            q.drain((task, m) -> {
                int i = ++seen[0];
                if (m instanceof TupleImpl t) {
                    assertEquals(i, t.treeRoot(0), "in order");
                    assertSame(byStream[(i / 7) % 3], t.source(), "the source of tuple " + i);
                    assertEquals(List.of(i), t.getValues());
                    assertEquals(TupleImpl.firstEdge(i), t.treeEdge(0));
                } else {
                    assertEquals((long) -i, m, "a plain message stays itself");
                }
            });
        }
        producer.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals(null, failed.get());
        assertEquals(total, seen[0], "every message arrived");
    }
}
