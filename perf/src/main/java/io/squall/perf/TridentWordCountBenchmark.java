package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Trident word count in local mode, the peer harness's {@code trident-wordcount} topology
 * ({@link TridentSentences}: batches of 1000 sentences of 8 words, the spout and the split in one task, the counts
 * in {@code countTasks} into an opaque in-memory map state). Prints committed sentences/s and batches/s over the
 * measured window, the process's CPU ns per sentence and that of each thread that used more than 2% of the
 * window, the bytes each thread allocated per sentence and the load average.
 *
 * <pre>usage: TridentWordCountBenchmark [warmupSecs] [measureSecs] [intervalMs] [countTasks] [maxPendingBatches]</pre>
 *
 * {@code intervalMs} is {@code topology.trident.batch.emit.interval.millis} (the harness's 1 by default; 0 lets the
 * coordinator start a batch whenever fewer than {@code maxPendingBatches} are in flight).
 */
public final class TridentWordCountBenchmark {
    private TridentWordCountBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int countTasks = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int pending = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        Config conf = new Config();
        conf.setMaxSpoutPending(pending);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, intervalMs);
        conf.put(Config.TOPOLOGY_ACKER_EXECUTORS, 1);
        System.out.printf("Trident word count: batches of %d sentences of %d words, %d count tasks, %d batches in "
                        + "flight, batch emit interval %d ms, warm-up %d s, measure %d s%n", TridentSentences.BATCH,
                TridentSentences.WORDS_PER_SENTENCE, countTasks, pending, intervalMs, warmup, measure);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("trident-word-count-bench", conf, TridentSentences.topology(
                    "bench-" + UUID.randomUUID(), new MemoryMapState.Factory(StateType.OPAQUE), countTasks).build());
            TimeUnit.SECONDS.sleep(warmup);
            long startBatches = TridentSentences.COMMITTED.sum();
            long inFlightBefore = TridentSentences.IN_FLIGHT_SUM.sum();
            long latencyBefore = TridentSentences.LATENCY_NANOS_SUM.sum();
            Map<String, Long> cpuBefore = ConstSpoutBenchmark.threadCpu();
            Map<String, Long> bytesBefore = ConstSpoutBenchmark.threadAllocatedBytes();
            long processCpuBefore = ConstSpoutBenchmark.processCpu();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(measure);
            long batches = TridentSentences.COMMITTED.sum() - startBatches;
            long inFlight = TridentSentences.IN_FLIGHT_SUM.sum() - inFlightBefore;
            long latency = TridentSentences.LATENCY_NANOS_SUM.sum() - latencyBefore;
            double secs = (System.nanoTime() - start) / 1e9;
            long processCpu = ConstSpoutBenchmark.processCpu() - processCpuBefore;
            Map<String, Long> cpuAfter = ConstSpoutBenchmark.threadCpu();
            Map<String, Long> bytesAfter = ConstSpoutBenchmark.threadAllocatedBytes();
            double sentences = Math.max(1, batches) * (double) TridentSentences.BATCH;
            System.out.printf("committed %d batches in %.1f s: %.1f batches/s, %.0f sentences/s, %.0f words/s%n",
                    batches, secs, batches / secs, batches * TridentSentences.BATCH / secs,
                    batches * TridentSentences.BATCH * TridentSentences.WORDS_PER_SENTENCE / secs);
            System.out.printf("batches in flight when one starts: %.1f on average (at most %d); a batch's emit to its "
                    + "commit heard by the spout: %.3f ms on average%n", inFlight / (double) Math.max(1, batches),
                    pending, latency / 1e6 / Math.max(1, batches));
            StringBuilder threads = new StringBuilder();
            cpuAfter.forEach((thread, ns) -> {
                long used = ns - cpuBefore.getOrDefault(thread, 0L);
                if (used > secs * 1e9 * 0.02) {
                    threads.append(String.format(", %s %.0f (%.0f%% busy)", thread, used / sentences,
                            100.0 * used / (secs * 1e9)));
                }
            });
            System.out.printf("CPU ns per sentence: process %.0f (%.2f cores)%s%n", processCpu / sentences,
                    processCpu / (secs * 1e9), threads);
            StringBuilder allocating = new StringBuilder();
            long allBytes = 0;
            for (Map.Entry<String, Long> e : bytesAfter.entrySet()) {
                long bytes = e.getValue() - bytesBefore.getOrDefault(e.getKey(), 0L);
                allBytes += bytes;
                if (bytes > sentences) {
                    allocating.append(String.format(", %s %.0f", e.getKey(), bytes / sentences));
                }
            }
            System.out.printf("bytes allocated per sentence: all threads %.0f%s; load average %s%n",
                    allBytes / sentences, allocating, ConstSpoutBenchmark.loadAverage());
        }
    }
}
