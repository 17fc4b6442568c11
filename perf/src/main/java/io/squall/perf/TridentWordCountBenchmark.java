package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.task.TopologyContext;
import io.squall.trident.TridentTopology;
import io.squall.trident.coordinator.InMemoryCoordinatorStore;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.spout.FixedPartitionsCoordinator;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.NumberedPartition;
import io.squall.trident.spout.OffsetRange;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Trident word count in local mode: a transactional spout emits batches of 1000 sentences of 8 words, they are
 * split and counted per word into an in-memory transactional map state. Prints committed sentences/s and
 * batches/s over the measured window.
 *
 * The sentences of a batch come from {@code spoutTasks} partitions (each emits its share of the 1000), read by as
 * many tasks, which also split and pre-count them.
 *
 * <pre>usage: TridentWordCountBenchmark [warmupSecs] [measureSecs] [spoutTasks] [countTasks] [maxPendingBatches]</pre>
 */
public final class TridentWordCountBenchmark {
    static final int BATCH_SENTENCES = 1000;
    static final int WORDS_PER_SENTENCE = 8;

    private TridentWordCountBenchmark() {
    }

    /** Sentences drawn from a pool of 4096, 8 words of a 2000-word vocabulary each; offset ranges replay. */
    public static class SentenceSpout implements IPartitionedTridentSpout<Integer, NumberedPartition, OffsetRange> {
        private static final long serialVersionUID = 1L;

        private final int partitions;

        SentenceSpout(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public Coordinator<Integer> getCoordinator(Map<String, Object> conf, TopologyContext context) {
            return new FixedPartitionsCoordinator(partitions);
        }

        @Override
        public Emitter<Integer, NumberedPartition, OffsetRange> getEmitter(Map<String, Object> conf,
                                                                           TopologyContext context) {
            Random random = new Random(42);
            List<Values> pool = new ArrayList<>();
            for (int i = 0; i < 4096; i++) {
                StringBuilder s = new StringBuilder();
                for (int w = 0; w < WORDS_PER_SENTENCE; w++) {
                    s.append(w == 0 ? "" : " ").append("word").append(random.nextInt(2000));
                }
                pool.add(new Values(s.toString()));
            }
            return new Emitter<>() {
                @Override
                public List<NumberedPartition> getOrderedPartitions(Integer count) {
                    return NumberedPartition.of(count);
                }

                @Override
                public void refreshPartitions(List<NumberedPartition> partitionResponsibilities) {
                }

                @Override
                public OffsetRange emitPartitionBatchNew(TransactionAttempt tx, TridentCollector collector,
                                                         NumberedPartition partition, OffsetRange last) {
                    long start = last == null ? 0 : last.end();
                    OffsetRange range = new OffsetRange(start, start + BATCH_SENTENCES / partitions);
                    emitPartitionBatch(tx, collector, partition, range);
                    return range;
                }

                @Override
                public void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                               NumberedPartition partition, OffsetRange range) {
                    for (long i = range.start(); i < range.end(); i++) {
                        collector.emit(pool.get((int) ((i * partitions + partition.index()) & 4095)));
                    }
                }

                @Override
                public void close() {
                }
            };
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

    /** Splits a sentence into words. */
    public static class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            String s = tuple.getString(0);
            int from = 0;
            for (int i = 0; i <= s.length(); i++) {
                if (i == s.length() || s.charAt(i) == ' ') {
                    collector.emit(new Values(s.substring(from, i)));
                    from = i + 1;
                }
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int spoutTasks = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int countTasks = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int pending = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        String txId = "bench-" + UUID.randomUUID();
        TridentTopology topology = new TridentTopology();
        topology.newStream(txId, new SentenceSpout(spoutTasks)).parallelismHint(spoutTasks)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Count(),
                        new Fields("count"))
                .parallelismHint(countTasks);
        Config conf = new Config();
        conf.setMaxSpoutPending(pending);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 0);
        System.out.printf("Trident word count: batches of %d sentences of %d words, %d spout tasks, %d count tasks, "
                + "%d batches in flight, warm-up %d s, measure %d s%n", BATCH_SENTENCES, WORDS_PER_SENTENCE, spoutTasks,
                countTasks, pending, warmup, measure);
        try (LocalCluster cluster = new LocalCluster(); InMemoryCoordinatorStore store =
                new InMemoryCoordinatorStore(txId)) {
            cluster.submitTopology("trident-word-count-bench", conf, topology.build());
            TimeUnit.SECONDS.sleep(warmup);
            long startTxid = store.committedTxid();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(measure);
            long batches = store.committedTxid() - startTxid;
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("committed %d batches in %.1f s: %.1f batches/s, %.0f sentences/s, %.0f words/s%n",
                    batches, secs, batches / secs, batches * BATCH_SENTENCES / secs,
                    batches * BATCH_SENTENCES * WORDS_PER_SENTENCE / secs);
        }
    }
}
