package io.squall.runtime.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every wait strategy drains every message of several producers, through the shared ring and through lanes, in
 * order per producer, and never loses one.
 */
class ReceiveQueueContractTest {
    /** Producers 0 and 1 publish through the shared ring, the others through lanes of their own. */
    private static final int PRODUCERS = 4;
    private static final int SHARED_RING_PRODUCERS = 2;
    private static final int PER_PRODUCER = 200_000;

    @ParameterizedTest
    @ValueSource(strings = {"progressive", "park", "yield", "busy-spin"})
    @Timeout(60)
    void consumerWithEachStrategyReceivesEveryMessageInProducerOrder(String strategy) throws Exception {
        Backpressure bp = new Backpressure();
        ReceiveQueue q = new ReceiveQueue("contract", 1024, 0.9, 0.4, bp);
        long[] lastSeen = new long[PRODUCERS];
        java.util.Arrays.fill(lastSeen, -1);
        AtomicLong received = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        Thread consumer = new Thread(() -> {
            q.bindConsumer();
            IdleStrategy idle = IdleStrategy.of(strategy, q::awaitMessages, TimeUnit.MILLISECONDS.toNanos(10));
            while (received.get() < (long) PRODUCERS * PER_PRODUCER) {
                try {
                    idle.idle(q.drain((task, msg) -> {
                        long v = (Long) msg;
                        if (v != lastSeen[task] + 1) {
                            outOfOrder.incrementAndGet();
                        }
                        lastSeen[task] = v;
                        received.incrementAndGet();
                    }));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        consumer.start();
        Thread[] producers = new Thread[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int task = p;
            SpscLane lane = p < SHARED_RING_PRODUCERS ? null : q.newLane();
            producers[p] = new Thread(() -> {
                int[] tasks = new int[16];
                Object[] msgs = new Object[16];
                java.util.Arrays.fill(tasks, task);
                long next = 0;
                while (next < PER_PRODUCER) {
                    int n = (int) Math.min(16, PER_PRODUCER - next);
                    for (int i = 0; i < n; i++) {
                        msgs[i] = next + i;
                    }
                    int published = lane == null ? q.tryPublish(tasks, msgs, 0, n) : lane.tryPublish(tasks, msgs, 0, n);
                    next += published;
                    if (published == 0) {
                        Thread.onSpinWait();
                    }
                }
            });
            producers[p].start();
        }
        for (Thread t : producers) {
            t.join();
        }
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(!consumer.isAlive(), "consumer drained everything");
        assertEquals((long) PRODUCERS * PER_PRODUCER, received.get());
        assertEquals(0, outOfOrder.get(), "each producer's messages arrive in order");
        assertEquals(0, q.population());
    }

    @ParameterizedTest
    @ValueSource(strings = {"progressive", "park"})
    @Timeout(30)
    void aParkedConsumerIsWokenByAPublishNotByItsTimer(String strategy) throws Exception {
        ReceiveQueue q = new ReceiveQueue("wake", 64, 0.9, 0.4, new Backpressure());
        AtomicLong wokeAt = new AtomicLong();
        Thread consumer = new Thread(() -> {
            q.bindConsumer();
            IdleStrategy idle = IdleStrategy.of(strategy, q::awaitMessages, TimeUnit.SECONDS.toNanos(20));
            while (wokeAt.get() == 0) {
                try {
                    idle.idle(q.drain((task, msg) -> wokeAt.set(System.nanoTime())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        consumer.start();
        // Let the consumer reach its park: its state is observable as WAITING/TIMED_WAITING.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long sent = System.nanoTime();
        assertTrue(q.tryPublish(1, "hello"));
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(wokeAt.get() > 0, "consumer received the message");
        assertTrue(wokeAt.get() - sent < TimeUnit.SECONDS.toNanos(5), "woken by the publish, long before its 20s timer");
    }

    @Test
    @Timeout(30)
    void aParkedConsumerIsWokenByAPublishOnALane() throws Exception {
        ReceiveQueue q = new ReceiveQueue("wake-lane", 64, 0.9, 0.4, new Backpressure());
        SpscLane lane = q.newLane();
        AtomicLong wokeAt = new AtomicLong();
        Thread consumer = new Thread(() -> {
            q.bindConsumer();
            IdleStrategy idle = IdleStrategy.of("progressive", q::awaitMessages, TimeUnit.SECONDS.toNanos(20));
            while (wokeAt.get() == 0) {
                try {
                    idle.idle(q.drain((task, msg) -> wokeAt.set(System.nanoTime())));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (consumer.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long sent = System.nanoTime();
        assertEquals(1, lane.tryPublish(new int[] {1}, new Object[] {"hello"}, 0, 1));
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(wokeAt.get() > 0, "consumer received the message");
        assertTrue(wokeAt.get() - sent < TimeUnit.SECONDS.toNanos(5), "woken by the publish, long before its 20s timer");
    }

    @Test
    void aFullLanePublishesWhatFitsAndTakesTheRestOnceTheConsumerDrained() throws Exception {
        ReceiveQueue q = new ReceiveQueue("full-lane", 8, 0.9, 0.4, new Backpressure());
        SpscLane lane = q.newLane();
        int[] tasks = new int[12];
        Object[] msgs = new Object[12];
        for (int i = 0; i < 12; i++) {
            msgs[i] = i;
        }
        assertEquals(8, lane.tryPublish(tasks, msgs, 0, 12));
        assertEquals(0, lane.tryPublish(tasks, msgs, 8, 4));
        assertEquals(8, q.population());
        List<Object> got = new ArrayList<>();
        assertEquals(8, q.drain((task, msg) -> got.add(msg)));
        assertEquals(4, lane.tryPublish(tasks, msgs, 8, 4));
        assertEquals(4, q.drain((task, msg) -> got.add(msg)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), got);
    }

    @Test
    void batchesThatWrapAroundTheLaneKeepTheirOrderAndTasks() throws Exception {
        ReceiveQueue q = new ReceiveQueue("wrapping-lane", 8, 0.9, 0.4, new Backpressure());
        SpscLane lane = q.newLane();
        List<String> got = new ArrayList<>();
        int next = 0;
        for (int batch = 1; batch <= 8; batch++) {
            int[] tasks = new int[batch + 2];
            Object[] msgs = new Object[batch + 2];
            for (int i = 0; i < batch; i++) {
                tasks[i + 2] = 100 + next + i;
                msgs[i + 2] = "m" + (next + i);
            }
            assertEquals(batch, lane.tryPublish(tasks, msgs, 2, batch));
            next += batch;
            assertEquals(batch, q.drain((task, msg) -> got.add(task + ":" + msg)));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < next; i++) {
            expected.add((100 + i) + ":m" + i);
        }
        assertEquals(expected, got);
    }

    @Test
    void aClosedLaneIsDeliveredAndThenDropped() throws Exception {
        ReceiveQueue q = new ReceiveQueue("closed-lane", 64, 0.9, 0.4, new Backpressure());
        SpscLane lane = q.newLane();
        assertEquals(2, lane.tryPublish(new int[] {1, 1}, new Object[] {"a", "b"}, 0, 2));
        lane.close();
        List<Object> got = new ArrayList<>();
        assertEquals(2, q.drain((task, msg) -> got.add(msg)));
        assertEquals(List.of("a", "b"), got);
        assertEquals(0, q.lanes(), "the drained closed lane is gone");
    }

    @Test
    void aMessageWhoseConsumerThrowsIsDeliveredOnceAndTheRestStay() throws Exception {
        ReceiveQueue q = new ReceiveQueue("throwing", 64, 0.9, 0.4, new Backpressure());
        SpscLane lane = q.newLane();
        assertEquals(3, lane.tryPublish(new int[] {1, 1, 1}, new Object[] {"a", "bad", "c"}, 0, 3));
        List<Object> got = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> q.drain((task, msg) -> {
            if (msg.equals("bad")) {
                throw new IllegalStateException("bad message");
            }
            got.add(msg);
        }));
        assertEquals(1, q.population());
        q.drain((task, msg) -> got.add(msg));
        assertEquals(List.of("a", "c"), got);
    }
}
