package io.squall.testing;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums counts reported per source: each input is {@code (word, count)} where count is a running count
 * from one upstream task; emits the sum of every source's latest count ({@code agg-global}), anchored.
 */
public class TestAggregatesCounter extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private transient Map<String, Integer> counts;
    private transient OutputCollector collector;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.counts = new HashMap<>();
    }

    @Override
    public void execute(Tuple input) {
        String source = input.getString(0);
        int count = ((Number) input.getValue(1)).intValue();
        counts.put(source, count);
        int sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        collector.emit(input, new Values(sum));
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("agg-global"));
    }
}
