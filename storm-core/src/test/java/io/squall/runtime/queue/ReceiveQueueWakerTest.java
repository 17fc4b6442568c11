package io.squall.runtime.queue;

import io.squall.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A consumer that runs as a task on an event loop sleeps between drains and is scheduled by the next publish. */
@Timeout(60)
class ReceiveQueueWakerTest {
    @Test
    void theFirstPublishAfterASleepRunsTheWakerOnceAndLaterOnesDoNot() throws Exception {
        ReceiveQueue q = new ReceiveQueue("waker", 64, 0.9, 0.4, new Backpressure());
        AtomicInteger wakes = new AtomicInteger();
        q.bindConsumer(wakes::incrementAndGet);
        assertTrue(q.sleepUnlessMessages(), "an empty queue lets the consumer sleep");
        assertTrue(q.tryPublish(1, "a"));
        assertTrue(q.newLane().tryPublish(new int[] {1}, new Object[] {"b"}, 0, 1) == 1);
        assertEquals(1, wakes.get(), "one wake per sleep, however many publish");
        assertEquals(2, q.drain((task, m) -> { }));
        assertTrue(q.sleepUnlessMessages());
        assertTrue(q.tryPublish(1, "c"));
        assertEquals(2, wakes.get());
    }

    @Test
    void aConsumerWithMessagesWaitingDoesNotSleep() throws Exception {
        ReceiveQueue q = new ReceiveQueue("waker", 64, 0.9, 0.4, new Backpressure());
        AtomicInteger wakes = new AtomicInteger();
        q.bindConsumer(wakes::incrementAndGet);
        assertTrue(q.tryPublish(1, "a"));
        assertFalse(q.sleepUnlessMessages(), "a message is waiting: drain it");
        assertTrue(q.tryPublish(1, "b"));
        assertEquals(0, wakes.get(), "the consumer is awake: nobody schedules it");
    }

    @Test
    void aConsumerScheduledOnlyByWakesReceivesEveryMessageOfRacingProducers() throws Exception {
        int producers = 4;
        int perProducer = 25_000;
        ReceiveQueue q = new ReceiveQueue("waker", 1024, 0.9, 0.4, new Backpressure());
        ExecutorService loop = Executors.newSingleThreadExecutor();
        AtomicLong received = new AtomicLong();
        long[] lastSeen = new long[producers];
        Arrays.fill(lastSeen, -1);
        AtomicLong outOfOrder = new AtomicLong();
        Runnable[] drain = new Runnable[1];
        drain[0] = () -> {
            try {
                int n = q.drain((task, m) -> {
                    long v = (Long) m;
                    if (v != lastSeen[task] + 1) {
                        outOfOrder.incrementAndGet();
                    }
                    lastSeen[task] = v;
                    received.incrementAndGet();
                });
                if (n > 0 || !q.sleepUnlessMessages()) {
                    loop.execute(drain[0]);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        loop.execute(() -> {
            q.bindConsumer(() -> loop.execute(drain[0]));
            drain[0].run();
        });
        Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            int task = p;
            SpscLane lane = p % 2 == 0 ? q.newLane() : null;
            threads[p] = new Thread(() -> {
                for (long next = 0; next < perProducer; ) {
                    // One message at a time, so the consumer keeps falling asleep and being woken.
                    boolean ok = lane == null ? q.tryPublish(task, next)
                            : lane.tryPublish(new int[] {task}, new Object[] {next}, 0, 1) == 1;
                    if (ok) {
                        next++;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
            threads[p].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // No timed fallback wakes this consumer: a lost wake-up leaves messages in the queue and fails here.
        Await.until(Duration.ofSeconds(30), () -> received.get() == (long) producers * perProducer,
                () -> "received " + received.get() + ", queue " + q);
        assertEquals(0, outOfOrder.get());
        loop.shutdownNow();
    }
}
