package io.squall.topologies;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.TupleUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sentences → split into words → count per word (fields grouping), with acking. The counter logs its
 * top words every few seconds on a tick tuple.
 */
public final class WordCountTopology {
    private WordCountTopology() {
    }

    /** Emits random sentences, each tracked by a message id. */
    public static class RandomSentenceSpout extends BaseRichSpout {
        private static final String[] SENTENCES = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
            "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};
        private transient SpoutOutputCollector collector;
        private transient long id;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            collector.emit(new Values(SENTENCES[ThreadLocalRandom.current().nextInt(SENTENCES.length)]), id++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits a sentence into words. */
    public static class SplitSentence extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String word : input.getString(0).split(" ")) {
                collector.emit(new Values(word));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words and logs the counts on each tick. */
    public static class WordCount extends BaseBasicBolt {
        private static final Logger LOG = LoggerFactory.getLogger(WordCount.class);
        private transient Map<String, Long> counts;
        private transient int task;

        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            counts = new HashMap<>();
            task = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            if (TupleUtils.isTick(input)) {
                LOG.info("word counts of task {}: {}", task, new TreeMap<>(counts));
                return;
            }
            String word = input.getStringByField("word");
            long count = counts.merge(word, 1L, Long::sum);
            collector.emit(new Values(word, count));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return Map.of(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 5);
        }
    }

    /** Builds the topology. */
    public static TopologyBuilder builder() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentences", new RandomSentenceSpout(), 1);
        builder.setBolt("split", new SplitSentence(), 2).shuffleGrouping("sentences");
        builder.setBolt("count", new WordCount(), 2).fieldsGrouping("split", new Fields("word"));
        return builder;
    }

    /** Submits the topology as {@code args[0]} (default "word-count"). */
    public static void main(String[] args) {
        Config conf = new Config();
        conf.setMaxSpoutPending(1000);
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "word-count", conf, builder().createTopology());
    }
}
