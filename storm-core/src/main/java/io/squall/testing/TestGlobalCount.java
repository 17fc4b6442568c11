package io.squall.testing;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.Map;

/** Counts the tuples its task received and emits the running count ({@code global-count}), anchored. */
public class TestGlobalCount extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private transient int count;
    private transient OutputCollector collector;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.count = 0;
    }

    @Override
    public void execute(Tuple input) {
        count++;
        collector.emit(input, new Values(count));
        collector.ack(input);
    }

    public Fields getOutputFields() {
        return new Fields("global-count");
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(getOutputFields());
    }
}
