package io.squall.topology.base;

import io.squall.state.State;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IStatefulBolt;

import java.util.Map;

/**
 * A stateful bolt with empty {@code prepare} and {@code cleanup}, as Storm's {@code BaseStatefulBolt}.
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
}
