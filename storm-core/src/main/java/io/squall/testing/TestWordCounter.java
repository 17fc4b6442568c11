package io.squall.testing;

import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.HashMap;
import java.util.Map;

/** Counts the words of its first field and emits (word, count) after each. */
public class TestWordCounter extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private transient Map<String, Integer> counts;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context) {
        counts = new HashMap<>();
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        String word = getTupleValue(input, 0);
        int count = counts.merge(word, 1, Integer::sum);
        collector.emit(new Values(word, count));
    }

    /** The word in field {@code idx} of {@code t}; a subclass reads it another way ({@link TestWordBytesCounter}). */
    protected String getTupleValue(Tuple t, int idx) {
        return t.getString(idx);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("word", "count"));
    }
}
