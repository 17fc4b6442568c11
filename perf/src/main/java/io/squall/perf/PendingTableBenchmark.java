package io.squall.perf;

import io.squall.runtime.acker.RotatingIndex;
import org.agrona.collections.Long2ObjectHashMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One tree's life in the spout's pending table with {@code pending} trees in flight: add it under a fresh
 * random root, then complete the oldest tree (remove it and read its values). {@code rotatingIndex} is the
 * table the spout and acker use now (primitive slots and value columns); {@code bucketsOfMaps} is the design
 * it replaced (four primitive-keyed hash maps as rotating buckets, a record per tree), kept here as the
 * yardstick.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main PendingTable -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PendingTableBenchmark {
    private static final int BUCKETS = 4;

    @Param({"1000", "5000"})
    int pending;

    private final SplittableRandom random = new SplittableRandom(7);
    /** Roots in flight, oldest first; shared by both tables' loops, each with its own copy. */
    private long[] ring;
    private int head;

    private final RotatingIndex index = new RotatingIndex(BUCKETS);
    private Object[] msgIds = new Object[0];
    private long[] emitNanos = new long[0];
    private final Object msgId = new Object();

    private record Pending(Object msgId, long emitNanos) { }

    private final Deque<Long2ObjectHashMap<Pending>> buckets = new ArrayDeque<>();

    @Setup
    public void setUp() {
        ring = new long[pending];
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(new Long2ObjectHashMap<>());
        }
        for (int i = 0; i < pending; i++) {
            long root = nonZero();
            ring[i] = root;
            addToIndex(root);
            buckets.peekFirst().put(root, new Pending(msgId, i));
        }
    }

    private long nonZero() {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return v;
    }

    private void addToIndex(long root) {
        int slot = index.putNew(root);
        if (slot >= msgIds.length) {
            msgIds = java.util.Arrays.copyOf(msgIds, index.slotCapacity());
            emitNanos = java.util.Arrays.copyOf(emitNanos, index.slotCapacity());
        }
        msgIds[slot] = msgId;
        emitNanos[slot] = root;
    }

    @Benchmark
    public long rotatingIndex() {
        long done = ring[head];
        int slot = index.remove(done);
        long result = emitNanos[slot];
        msgIds[slot] = null;
        long root = nonZero();
        addToIndex(root);
        ring[head] = root;
        head = head + 1 == pending ? 0 : head + 1;
        return result;
    }

    @Benchmark
    public long bucketsOfMaps() {
        long done = ring[head];
        Pending p = null;
        for (Long2ObjectHashMap<Pending> b : buckets) {
            p = b.remove(done);
            if (p != null) {
                break;
            }
        }
        long root = nonZero();
        buckets.peekFirst().put(root, new Pending(msgId, root));
        ring[head] = root;
        head = head + 1 == pending ? 0 : head + 1;
        return p == null ? 0 : p.emitNanos();
    }
}
