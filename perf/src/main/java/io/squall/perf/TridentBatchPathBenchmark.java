package io.squall.perf;

import io.squall.Config;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.TridentTopology;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;

import java.lang.management.ManagementFactory;

/**
 * The CPU and allocation of one Trident sentence, without threads: the peer harness's {@code trident-wordcount}
 * topology ({@link TridentSentences}, into an opaque in-memory map, parallelism 2, 10 batches in flight) on the
 * deterministic driver, every executor stepped on this thread, with no batch emit interval. It counts everything a batch costs
 * (spout emit, split, the partial counts, the hand-off to the counting tasks, the commits, the coordinator and the
 * acks) but no thread hand-off, so it is steady on a machine shared with other work, where the end-to-end run's
 * sentences/s mostly measure the neighbours. Prints, per round, the thread's CPU ns and allocated bytes per
 * committed sentence, and at the end checks the counts against the sentences committed.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* io.squall.perf.TridentBatchPathBenchmark [rounds] [batchesPerRound]</pre>
 */
public final class TridentBatchPathBenchmark {
    private TridentBatchPathBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.OPAQUE);
        TridentTopology t = TridentSentences.topology("batch-path", counts, 2);
        Config conf = new Config();
        conf.setMaxSpoutPending(10);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 0);
        conf.put(Config.TOPOLOGY_ACKER_EXECUTORS, 1);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("Trident batch path on one thread: batches of %d sentences, %d rounds of %d batches%n",
                TridentSentences.BATCH, rounds, perRound);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf)) {
            for (int r = 0; r < rounds; r++) {
                long from = TridentSentences.COMMITTED.sum();
                long cpu = mx.getThreadCpuTime(tid);
                long bytes = mx.getThreadAllocatedBytes(tid);
                long wall = System.nanoTime();
                while (TridentSentences.COMMITTED.sum() - from < perRound) {
                    d.step();
                }
                double sentences = (TridentSentences.COMMITTED.sum() - from) * (double) TridentSentences.BATCH;
                System.out.printf("round %d: %.0f CPU ns and %.0f bytes per sentence, %.0f sentences/s of wall time%n",
                        r + 1, (mx.getThreadCpuTime(tid) - cpu) / sentences,
                        (mx.getThreadAllocatedBytes(tid) - bytes) / sentences,
                        sentences * 1e9 / (System.nanoTime() - wall));
            }
        }
        long words = 0;
        for (Object v : counts.snapshot().values()) {
            words += (Long) v;
        }
        // The states may hold a commit or two past the last one the spout heard of, never less.
        System.out.printf("%d batches committed, %d words counted (%.2f batches of 8000 words)%n",
                TridentSentences.COMMITTED.sum(), words, words / 8000.0);
    }
}
