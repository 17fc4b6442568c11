package io.squall.topology;

import io.squall.state.State;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * A bolt with checkpointed state, as Storm's {@code IStatefulBolt}: register it with
 * {@code TopologyBuilder.setBolt}. Its updates to the state are exactly-once across failures: the input
 * tuples it acks are acked for real only when the checkpoint that holds their updates commits, and after a
 * failure the state goes back to the last commit while the spouts replay what was not acked. What it emits
 * is at-least-once.
 *
 * @param <T> the state's type
 */
public interface IStatefulBolt<T extends State> extends IStatefulComponent<T> {
    /** As {@code IBolt.prepare}; called before {@link #initState}. */
    void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector);

    /** Processes one tuple; ack it (or fail it) through the collector as any bolt does. */
    void execute(Tuple input);

    /** Called when the task shuts down, if it does so cleanly. */
    void cleanup();
}
