package io.squall.topologies;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.Map;

/** Words → "word!!!" → "word!!!!!!", Storm's first example. */
public final class ExclamationTopology {
    private ExclamationTopology() {
    }

    /** Appends three exclamation marks, anchored to its input. */
    public static class ExclamationBolt extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            collector.emit(tuple, new Values(tuple.getString(0) + "!!!"));
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Submits the topology as {@code args[0]} (default "exclamation"). */
    public static void main(String[] args) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new TestWordSpout(), 2);
        builder.setBolt("exclaim1", new ExclamationBolt(), 3).shuffleGrouping("word");
        builder.setBolt("exclaim2", new ExclamationBolt(), 2).shuffleGrouping("exclaim1");
        Config conf = new Config();
        conf.setDebug(true);
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "exclamation", conf, builder.createTopology());
    }
}
