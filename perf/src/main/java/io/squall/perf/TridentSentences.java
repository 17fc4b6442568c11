package io.squall.perf;

import io.squall.task.TopologyContext;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.state.StateFactory;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The peer harness's {@code trident-wordcount} topology, shared by the Trident benchmarks: a batch spout of 1000
 * sentences of 8 words from a corpus of 12 (65 distinct words), {@code each(split)}, {@code groupBy(word)},
 * {@code persistentAggregate(state, Count)}.
 */
final class TridentSentences {
    static final int BATCH = 1000;
    static final int WORDS_PER_SENTENCE = 8;
    static final String[] CORPUS = {
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
    /** Batches whose state commit the spout has heard of ({@link SentenceBatchSpout#ack}), in this JVM. */
    static final LongAdder COMMITTED = new LongAdder();
    /** Over the batches the spout emitted: how many of its batches were emitted and not yet committed, summed. */
    static final LongAdder IN_FLIGHT_SUM = new LongAdder();
    /** Nanoseconds from a batch's emit to the spout hearing of its commit, summed over the committed batches. */
    static final LongAdder LATENCY_NANOS_SUM = new LongAdder();

    private TridentSentences() {
    }

    /**
     * The harness's topology: the spout and the split in one task, the counts in {@code countTasks}, into
     * {@code counts}.
     */
    static TridentTopology topology(String txId, StateFactory counts, int countTasks) {
        TridentTopology t = new TridentTopology();
        t.newStream(txId, new SentenceBatchSpout()).parallelismHint(1)
                .each(new Fields("sentence"), new SplitWords(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(countTasks);
        return t;
    }

    /** Batch {@code b} is sentences {@code b*1000 ..} of the cycled corpus, the same on a replay. */
    static final class SentenceBatchSpout implements IBatchSpout {
        private static final long serialVersionUID = 1L;
        /** When each batch not yet committed was (last) emitted; the spout's emits and acks run on one thread. */
        private transient Map<Long, Long> emittedAt;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context) {
            emittedAt = new HashMap<>();
        }

        @Override
        public void emitBatch(long batchId, TridentCollector collector) {
            emittedAt.put(batchId, System.nanoTime());
            IN_FLIGHT_SUM.add(emittedAt.size());
            long first = batchId * BATCH;
            for (int i = 0; i < BATCH; i++) {
                collector.emit(new Values(CORPUS[(int) ((first + i) % CORPUS.length)]));
            }
        }

        @Override
        public void ack(long batchId) {
            Long at = emittedAt.remove(batchId);
            if (at != null) {
                LATENCY_NANOS_SUM.add(System.nanoTime() - at);
            }
            COMMITTED.increment();
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
    static final class SplitWords extends BaseFunction {
        private static final long serialVersionUID = 1L;

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
}
