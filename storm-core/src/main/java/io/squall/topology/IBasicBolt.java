package io.squall.topology;

import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * A bolt whose emits are anchored to the input and whose input is acked after {@code execute} returns,
 * or failed if it throws {@link FailedException}.
 */
public interface IBasicBolt extends IComponent {
    /** Called once per task before the first tuple. */
    void prepare(Map<String, Object> topoConf, TopologyContext context);

    /** Processes one input; emits through {@code collector} are anchored to it. */
    void execute(Tuple input, BasicOutputCollector collector);

    /** Called when the task shuts down. */
    void cleanup();
}
