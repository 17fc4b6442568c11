package io.squall.testing;

import io.squall.Config;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;

import java.util.HashMap;
import java.util.Map;

/**
 * A spout that emits nothing, for tests of how a topology is planned (tasks, groupings); declares
 * {@code field1, field2} unless given fields. Not distributed: at most one task.
 */
public class TestPlannerSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private final Fields outFields;
    private final boolean isDistributed;

    public TestPlannerSpout(Fields outFields, boolean isDistributed) {
        this.outFields = outFields;
        this.isDistributed = isDistributed;
    }

    public TestPlannerSpout(boolean isDistributed) {
        this(new Fields("field1", "field2"), isDistributed);
    }

    public TestPlannerSpout(Fields outFields) {
        this(outFields, true);
    }

    public Fields getOutputFields() {
        return outFields;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
    }

    @Override
    public void nextTuple() {
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(getOutputFields());
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        Map<String, Object> conf = new HashMap<>();
        if (!isDistributed) {
            conf.put(Config.TOPOLOGY_MAX_TASK_PARALLELISM, 1);
        }
        return conf;
    }
}
