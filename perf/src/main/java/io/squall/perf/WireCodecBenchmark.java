package io.squall.perf;

import com.esotericsoftware.kryo.io.Output;
import io.squall.messaging.WireCodec;
import io.squall.runtime.acker.AckBatch;
import io.squall.serialization.KryoFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What the two-worker path costs per tuple in the codec: a batch of word-count tuples (one word, anchored in one
 * tree, as a split bolt sends them to the counters of another worker) written into a reused Kryo output the way
 * an outbound link batches them, and the batch decoded the way the receiving worker does. The acks of those words
 * too: {@value #BATCH} tree updates, eight in a row per tree (a counter acks the words of a sentence one after the
 * other), handed to the link as one {@link AckBatch} and decoded by the worker of the spout that tracks the trees.
 * A build whose codec does not take a whole batch gets its messages one by one, as that build's link wrote them.
 * And a bolt's side of the same words: each word's tuple made and written, against written from its parts
 * ({@link WireCodec#writeOfTree}), as the split bolt's executor writes a word for another worker.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* org.openjdk.jmh.Main WireCodec -prof gc
 * java -cp ... io.squall.perf.WireCodecBenchmark [rounds] [batchesPerRound]   (CPU ns and bytes per tuple)</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-Dlogback.configurationFile=conf/logback.xml"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class WireCodecBenchmark {
    /** Tuples per batch: about what a link sends in one frame of the default batch size. */
    static final int BATCH = 1000;
    private static final String[] WORDS = {"the", "cow", "jumped", "over", "moon", "an", "apple", "a", "day"};

    private WireCodec codec;
    private TupleImpl[] tuples;
    private Output out;
    private byte[] encoded;
    private long decoded;
    private AckBatch acks;
    private byte[] encodedAcks;
    private boolean acksAsOneMessage = true;

    @Setup
    public void setUp() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        GeneralTopologyContext context = new GeneralTopologyContext(b.createTopology(), Map.of(),
                Map.of(1, "words", 2, "__acker"), "codec-bench");
        codec = new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), context);
        tuples = new TupleImpl[BATCH];
        for (int i = 0; i < BATCH; i++) {
            tuples[i] = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                    new Values(WORDS[i % WORDS.length]), MessageId.of(0x5eed0000L + i, 0x0ddL * i + 1));
        }
        out = new Output(1 << 20, -1);
        encodeBatch();
        encoded = out.toBytes();
        acks = new AckBatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            acks.add(AckBatch.UPDATE, 0x5eed0000L + i / 8, 0x9e3779b97f4a7c15L * (i + 1), -1);
        }
        try {
            encodeAcks();
        } catch (IllegalArgumentException takesSingleMessagesOnly) {
            acksAsOneMessage = false;
            encodeAcks();
        }
        encodedAcks = out.toBytes();
    }

    /** Writes the acks of one batch of words into the reused output, as the link does; returns the bytes. */
    int encodeAcks() {
        out.reset();
        if (acksAsOneMessage) {
            codec.write(out, 2, acks);
        } else {
            for (int i = 0; i < acks.size(); i++) {
                codec.write(out, 2, acks.message(i));
            }
        }
        return out.position();
    }

    /** Decodes the acks of one batch of words; a decoded batch is recycled, as its executor does. */
    int decodeAcks() {
        return codec.read(encodedAcks, task -> task == 2, (task, message) -> {
            decoded++;
            if (message instanceof AckBatch b) {
                b.recycle();
            }
        });
    }

    /** Writes one batch into the reused output; returns its size in bytes. */
    int encodeBatch() {
        out.reset();
        for (TupleImpl t : tuples) {
            codec.write(out, 2, t);
        }
        return out.position();
    }

    /**
     * Makes each word's tuple in its one tree and writes it, as a bolt's emit to a task of another worker did before
     * {@link WireCodec#writeOfTree}; returns the bytes.
     */
    int makeAndEncodeBatch() {
        out.reset();
        for (TupleImpl t : tuples) {
            codec.write(out, 2, TupleImpl.ofTree(t.source(), t.getValues(), t.treeRoot(0), t.treeEdge(0)));
        }
        return out.position();
    }

    /** Writes each word's tuple from its parts, as a bolt's emit to a task of another worker does; returns the bytes. */
    int encodeFromPartsBatch() {
        out.reset();
        for (TupleImpl t : tuples) {
            codec.writeOfTree(out, 2, t.source(), t.getValues(), t.treeRoot(0), t.treeEdge(0));
        }
        return out.position();
    }

    /** Decodes the batch; returns the number of tuples. */
    int decodeBatch() {
        return codec.read(encoded, task -> task == 2, (task, message) -> decoded++);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        return encodeBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decode() {
        return decodeBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int makeAndEncode() {
        return makeAndEncodeBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encodeFromParts() {
        return encodeFromPartsBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encodeAcks1() {
        return encodeAcks();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeAcks1() {
        return decodeAcks();
    }

    /** Runs {@code rounds} rounds (default 8) of {@code batches} batches (default 5,000) each way. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        WireCodecBenchmark b = new WireCodecBenchmark();
        b.setUp();
        System.out.printf("%d bytes per batch of %d tuples; %d bytes for their acks (%s)%n", b.encoded.length, BATCH,
                b.encodedAcks.length, b.acksAsOneMessage ? "one batch" : "one message each");
        long tuples = (long) batches * BATCH;
        for (int r = 0; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < batches; i++) {
                b.encodeBatch();
            }
            long encCpu = threads.getCurrentThreadCpuTime() - cpu;
            long encBytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            cpu = threads.getCurrentThreadCpuTime();
            bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < batches; i++) {
                b.decodeBatch();
            }
            long decCpu = threads.getCurrentThreadCpuTime() - cpu;
            long decBytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            cpu = threads.getCurrentThreadCpuTime();
            bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < batches; i++) {
                b.encodeAcks();
            }
            long ackEncCpu = threads.getCurrentThreadCpuTime() - cpu;
            long ackEncBytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            cpu = threads.getCurrentThreadCpuTime();
            bytes = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < batches; i++) {
                b.decodeAcks();
            }
            long ackDecCpu = threads.getCurrentThreadCpuTime() - cpu;
            long ackDecBytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            long[] made = cpuAndBytes(threads, batches, b::makeAndEncodeBatch);
            long[] parts = cpuAndBytes(threads, batches, b::encodeFromPartsBatch);
            System.out.printf("round %d: a word made and encoded %.1f ns CPU, %.1f bytes; from its parts %.1f ns CPU, "
                    + "%.1f bytes%n", r, (double) made[0] / tuples, (double) made[1] / tuples,
                    (double) parts[0] / tuples, (double) parts[1] / tuples);
            System.out.printf("round %d: encode %.1f ns CPU, %.1f bytes; decode %.1f ns CPU, %.1f bytes per tuple; "
                            + "its ack: encode %.1f ns, %.1f bytes; decode %.1f ns, %.1f bytes%n", r,
                    (double) encCpu / tuples, (double) encBytes / tuples, (double) decCpu / tuples,
                    (double) decBytes / tuples, (double) ackEncCpu / tuples, (double) ackEncBytes / tuples,
                    (double) ackDecCpu / tuples, (double) ackDecBytes / tuples);
        }
    }

    /** The calling thread's CPU ns and allocated bytes for {@code batches} runs of {@code batch}. */
    private static long[] cpuAndBytes(com.sun.management.ThreadMXBean threads, int batches,
                                      IntSupplier batch) {
        long cpu = threads.getCurrentThreadCpuTime();
        long bytes = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < batches; i++) {
            batch.getAsInt();
        }
        return new long[] {threads.getCurrentThreadCpuTime() - cpu, threads.getCurrentThreadAllocatedBytes() - bytes};
    }
}
