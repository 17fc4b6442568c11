package io.squall.perf;

import io.squall.Config;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * The CPU and allocation of one Trident sentence, without threads: the peer harness's {@code trident-wordcount}
 * topology (a batch spout of 1000 sentences of 8 words from a corpus of 12, each(split), groupBy(word),
 * persistentAggregate(opaque in-memory map, Count), parallelism 2, 10 batches in flight) on the deterministic
 * driver, every executor stepped on this thread, with no batch emit interval. It counts everything a batch costs
 * (spout emit, split, the partial counts, the hand-off to the counting tasks, the commits, the coordinator and the
 * acks) but no thread hand-off, so it is steady on a machine shared with other work, where the end-to-end run's
 * sentences/s mostly measure the neighbours. Prints, per round, the thread's CPU ns and allocated bytes per
 * committed sentence, and at the end checks the counts against the sentences committed.
 *
 * <pre>java -cp perf/target/squall-perf-0.1.0-SNAPSHOT.jar:perf/target/lib/* io.squall.perf.TridentBatchPathBenchmark [rounds] [batchesPerRound]</pre>
 */
public final class TridentBatchPathBenchmark {
    static final int BATCH = 1000;
    static final String[] SENTENCES = {
        "a quick stream of events flows into nodes",
        "every spout emits tuples and every bolt acks",
        "the acker tracks each tuple tree until done",
        "words are grouped by field so counts stay",
        "a slow bolt pushes back on the spout",
        "metrics show the rate of tuples per task",
        "the worker moves batches of tuples between executors",
        "a window collects tuples and fires every slide",
        "the trident batch commits its state per attempt",
        "events arrive late and the watermark moves on",
        "the queue fills up and the producer waits",
        "the counts grow as the stream flows on",
    };
    /** Batches committed so far (the spout's ack runs on the benchmark thread). */
    static long committed;

    private TridentBatchPathBenchmark() {
    }

    /** Batch {@code b} is sentences {@code b*1000 ..} of the cycled corpus, the same on a replay. */
    public static class SentenceBatchSpout implements IBatchSpout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context) {
        }

        @Override
        public void emitBatch(long batchId, TridentCollector collector) {
            long first = batchId * BATCH;
            for (int i = 0; i < BATCH; i++) {
                collector.emit(new Values(SENTENCES[(int) ((first + i) % SENTENCES.length)]));
            }
        }

        @Override
        public void ack(long batchId) {
            committed++;
        }

        @Override
        public void close() {
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }

        @Override
        public Fields getOutputFields() {
            return new Fields("sentence");
        }
    }

    /** One tuple per space-separated word. */
    public static class SplitWords extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            String s = tuple.getString(0);
            int start = 0;
            for (int i = 0, n = s.length(); i <= n; i++) {
                if (i == n || s.charAt(i) == ' ') {
                    if (i > start) {
                        collector.emit(new Values(s.substring(start, i)));
                    }
                    start = i + 1;
                }
            }
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.OPAQUE);
        TridentTopology t = new TridentTopology();
        t.newStream("batch-path", new SentenceBatchSpout()).parallelismHint(1)
                .each(new Fields("sentence"), new SplitWords(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(2);
        Config conf = new Config();
        conf.setMaxSpoutPending(10);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 0);
        conf.put(Config.TOPOLOGY_ACKER_EXECUTORS, 1);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("Trident batch path on one thread: batches of %d sentences, %d rounds of %d batches%n",
                BATCH, rounds, perRound);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf)) {
            for (int r = 0; r < rounds; r++) {
                long from = committed;
                long cpu = mx.getThreadCpuTime(tid);
                long bytes = mx.getThreadAllocatedBytes(tid);
                long wall = System.nanoTime();
                while (committed - from < perRound) {
                    d.step();
                }
                double sentences = (committed - from) * (double) BATCH;
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
        System.out.printf("%d batches committed, %d words counted (%.2f batches of 8000 words)%n", committed, words,
                words / 8000.0);
    }
}
