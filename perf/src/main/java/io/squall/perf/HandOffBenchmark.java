package io.squall.perf;

import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.IdleStrategy;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.queue.SpscLane;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The tuple hand-off between two threads alone: one producer publishes batches of 64 messages into a
 * {@link ReceiveQueue} of 16,384 slots, through the shared Disruptor ring ({@code ring}) or through a lane of its own
 * ({@code lane}); one consumer drains it with the default wait strategy; a producer facing a full queue parks
 * 50 µs. Prints, per round, the CPU time of both
 * threads per message (which a loaded machine moves far less than wall time) and the wall time. The two ways
 * alternate round by round in one JVM.
 *
 * <pre>usage: HandOffBenchmark [rounds] [messagesPerRound]</pre>
 */
public final class HandOffBenchmark {
    private static final int BATCH = 64;
    /** A producer facing a full queue parks rather than spins, so its CPU time is the hand-off's, not the wait's. */
    private static final long FULL_PARK_NANOS = 50_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HandOffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        long perRound = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000L;
        for (int r = 0; r < rounds; r++) {
            for (boolean lane : new boolean[] {false, true}) {
                run(r, lane, perRound);
            }
        }
    }

    private static void run(int round, boolean useLane, long messages) throws Exception {
        ReceiveQueue q = new ReceiveQueue("handoff", 16384, 0.9, 0.4, new Backpressure());
        AtomicLong consumerCpu = new AtomicLong();
        AtomicLong producerCpu = new AtomicLong();
        Thread consumer = new Thread(() -> {
            q.bindConsumer();
            IdleStrategy idle = IdleStrategy.of("progressive", q::awaitMessages, TimeUnit.MILLISECONDS.toNanos(10));
            long[] received = {0};
            ReceiveQueue.Consumer sink = (task, msg) -> received[0]++;
            try {
                while (received[0] < messages) {
                    idle.idle(q.drain(sink));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            consumerCpu.set(THREADS.getCurrentThreadCpuTime());
        }, "handoff-consumer");
        Thread producer = new Thread(() -> {
            SpscLane lane = useLane ? q.newLane() : null;
            int[] tasks = new int[BATCH];
            Object[] msgs = new Object[BATCH];
            Object message = new Object();
            java.util.Arrays.fill(msgs, message);
            long sent = 0;
            while (sent < messages) {
                int n = (int) Math.min(BATCH, messages - sent);
                int done = 0;
                while (done < n) {
                    int p = lane != null ? lane.tryPublish(tasks, msgs, done, n - done)
                            : q.tryPublish(tasks, msgs, done, n - done);
                    if (p == 0) {
                        LockSupport.parkNanos(FULL_PARK_NANOS);
                    }
                    done += p;
                }
                sent += n;
            }
            producerCpu.set(THREADS.getCurrentThreadCpuTime());
        }, "handoff-producer");
        long start = System.nanoTime();
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        double wall = System.nanoTime() - start;
        System.out.printf("round %d %-4s: CPU %.1f ns per message (producer %.1f, consumer %.1f), wall %.1f ns%n",
                round, useLane ? "lane" : "ring", (double) (producerCpu.get() + consumerCpu.get()) / messages,
                (double) producerCpu.get() / messages, (double) consumerCpu.get() / messages, wall / messages);
    }
}
