package io.squall.flux.examples;

import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.Map;

/** Storm's flux-examples stateful word counter, written for Squall: counts in a KeyValueState, emits (word, count). */
public class StatefulWordCounter extends BaseStatefulBolt<KeyValueState<String, Long>> {
    private static final long serialVersionUID = 1L;
    private transient KeyValueState<String, Long> counts;
    private transient OutputCollector collector;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void initState(KeyValueState<String, Long> state) {
        counts = state;
    }

    @Override
    public void execute(Tuple tuple) {
        String word = tuple.getString(0);
        long count = counts.get(word, 0L) + 1;
        counts.put(word, count);
        collector.emit(tuple, new Values(word, count));
        collector.ack(tuple);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("word", "count"));
    }
}
