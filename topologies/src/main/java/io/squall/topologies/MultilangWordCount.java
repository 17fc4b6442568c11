package io.squall.topologies;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.task.ShellBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;

import java.util.Map;

/**
 * The word count with its bolts in other languages: a Python splitter ({@code resources/splitsentence.py}) and a
 * Node.js counter ({@code resources/wordcount.js}) that logs its counts every 5 seconds. Needs {@code python3}
 * and {@code node} on the worker's machine; the scripts and Squall's {@code storm.py}/{@code storm.js} travel in
 * the topology JAR's {@code resources/}.
 */
public final class MultilangWordCount {
    private MultilangWordCount() {
    }

    /** Splits sentences in Python. */
    public static class SplitSentence extends ShellBolt implements IRichBolt {
        public SplitSentence() {
            super("python3", "splitsentence.py");
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** Counts words in Node.js. */
    public static class WordCount extends ShellBolt implements IRichBolt {
        public WordCount() {
            super("node", "wordcount.js");
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
        builder.setSpout("sentences", new WordCountTopology.RandomSentenceSpout(), 1);
        builder.setBolt("split", new SplitSentence(), 2).shuffleGrouping("sentences");
        builder.setBolt("count", new WordCount(), 2).fieldsGrouping("split", new Fields("word"));
        return builder;
    }

    /** Submits the topology as {@code args[0]} (default "multilang-word-count"). */
    public static void main(String[] args) {
        Config conf = new Config();
        conf.setMaxSpoutPending(1000);
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "multilang-word-count", conf,
                builder().createTopology());
    }
}
