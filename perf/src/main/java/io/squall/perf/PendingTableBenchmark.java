package io.squall.perf;

import io.squall.runtime.acker.PendingRing;
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
 * One tree's life in the spout's pending table with {@code pending} trees in flight: add it, then complete the
 * oldest tree (remove it and read its values). {@code pendingRing} is the spout executor's table now (slots by
 * the tree's sequence, columns in one ring); {@code rotatingIndex} the table it replaced there (a hash index of
 * random roots with value columns by slot, still the acker executor's); {@code bucketsOfMaps} the design before
 * that (four primitive-keyed hash maps as rotating buckets, a record per tree), kept as the yardstick. With a
 * million pending (the acked tumbling window) the tables no longer fit in the caches.
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

    @Param({"1000", "5000", "1000000"})
    int pending;

    private final SplittableRandom random = new SplittableRandom(7);
    /** Roots in flight, oldest first; shared by both tables' loops, each with its own copy. */
    private long[] ring;
    private int head;

    private final RotatingIndex index = new RotatingIndex(BUCKETS);
    private Object[] msgIds = new Object[0];
    private long[] emitNanos = new long[0];
    private final Object msgId = new Object();

    private PendingRing<Object> pendingRing;
    /** The ring's roots in flight, oldest first. */
    private long[] ringRoots;
    private int ringHead;

    private record Pending(Object msgId, long emitNanos) { }

    private final Deque<Long2ObjectHashMap<Pending>> buckets = new ArrayDeque<>();

    @Setup
    public void setUp() {
        ring = new long[pending];
        ringRoots = new long[pending];
        pendingRing = new PendingRing<>(BUCKETS, pending, random.nextLong());
        for (int i = 0; i < pending; i++) {
            long root = pendingRing.nextRoot(1);
            pendingRing.add(root, msgId, msgId, i, root);
            ringRoots[i] = root;
        }
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
    public long pendingRing() {
        long done = ringRoots[ringHead];
        pendingRing.update(done, done);
        long result = pendingRing.endedEmitNanos();
        long root = pendingRing.nextRoot(1);
        pendingRing.add(root, msgId, msgId, result, root);
        ringRoots[ringHead] = root;
        ringHead = ringHead + 1 == pending ? 0 : ringHead + 1;
        return result;
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
