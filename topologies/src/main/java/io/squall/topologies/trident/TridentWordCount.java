package io.squall.topologies.trident;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.trident.TridentState;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.MapGet;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.List;

/**
 * Trident word count: sentences from a transactional spout are split into words and counted per word in a
 * transactional state, exactly once; a second stream of words queries the counts back and logs them.
 */
public final class TridentWordCount {
    static final String[] SENTENCES = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
        "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};
    static final String[] QUERIED = {"the", "apple", "seven", "moon", "nature"};

    private TridentWordCount() {
    }

    /** The sentence at an offset of a partition. */
    static String sentence(int partition, long offset) {
        return SENTENCES[(int) Math.floorMod(offset * 31 + partition * 7L, (long) SENTENCES.length)];
    }

    /** A spout of {@code limit} sentences per partition (endless with {@code Long.MAX_VALUE}). */
    public static GeneratedSpout sentences(int partitions, int batchSize, long limit) {
        return new GeneratedSpout(new Fields("sentence"), partitions, batchSize, limit,
                (p, i) -> List.of(sentence(p, i)));
    }

    /** Splits a sentence into words. */
    public static class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String word : tuple.getString(0).split(" ")) {
                collector.emit(new Values(word));
            }
        }
    }

    /** Keeps tuples whose last field is not null. */
    public static class Known extends BaseFilter {
        @Override
        public boolean isKeep(TridentTuple tuple) {
            return tuple.getValue(tuple.size() - 1) != null;
        }
    }

    /**
     * The topology: sentences → split → count per word into {@code counts}; queried words → counts → {@code
     * readBack}.
     */
    public static TridentTopology build(GeneratedSpout sentences, StateFactory counts, Consumer readBack) {
        TridentTopology topology = new TridentTopology();
        TridentState wordCounts = topology.newStream("word-count-sentences", sentences).parallelismHint(2)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(2);
        Values[] queries = new Values[QUERIED.length];
        for (int i = 0; i < QUERIED.length; i++) {
            queries[i] = new Values(QUERIED[i]);
        }
        FixedBatchSpout words = new FixedBatchSpout(new Fields("word"), QUERIED.length, List.of(queries));
        words.setCycle(true);
        topology.newStream("word-count-queries", words)
                .stateQuery(wordCounts, new Fields("word"), new MapGet(), new Fields("count"))
                .filter(new Known())
                .peek(readBack);
        return topology;
    }

    /** Submits the topology ({@code bin/squall local} runs it in this process). */
    public static void main(String[] args) {
        Config conf = new Config();
        conf.setMaxSpoutPending(3);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        TridentTopology topology = build(sentences(2, 100, Long.MAX_VALUE),
                new MemoryMapState.Factory(StateType.TRANSACTIONAL), new LogEverySecond("counts read back"));
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "trident-word-count", conf, topology.build());
    }
}
