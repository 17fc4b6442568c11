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

/** For each input naming a config key (first value), emits {@code (key, value)} from the bolt's configuration. */
public class TestConfBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private final Map<String, Object> componentConf;
    private transient Map<String, Object> conf;

    public TestConfBolt() {
        this(null);
    }

    public TestConfBolt(Map<String, Object> componentConf) {
        this.componentConf = componentConf == null ? null : new HashMap<>(componentConf);
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context) {
        this.conf = conf;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        String name = input.getString(0);
        collector.emit(new Values(name, conf.get(name)));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("conf", "value"));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return componentConf;
    }
}
