package io.squall.topology.base;

import io.squall.state.State;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.OutputFieldsDeclarer;

import java.util.Map;

/**
 * A stateful bolt with empty {@code prepare}, {@code cleanup} and {@code declareOutputFields}, as Storm's
 * {@code BaseStatefulBolt}: a bolt that only updates its state and emits nothing need not declare any output.
 *
 * @param <T> the state's type, usually {@code KeyValueState<K, V>}
 */
public abstract class BaseStatefulBolt<T extends State> extends BaseComponent implements IStatefulBolt<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
    }

    @Override
    public void cleanup() {
    }

    /** Declares no output streams; override it to declare the streams the bolt emits on. */
    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
