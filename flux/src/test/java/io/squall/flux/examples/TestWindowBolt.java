package io.squall.flux.examples;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.util.Map;

/** Storm's flux-examples window bolt, written for Squall: emits the number of tuples in each window. */
public class TestWindowBolt extends BaseWindowedBolt {
    private static final long serialVersionUID = 1L;
    private transient OutputCollector collector;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void execute(TupleWindow inputWindow) {
        collector.emit(new Values(inputWindow.get().size()));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("count"));
    }
}
