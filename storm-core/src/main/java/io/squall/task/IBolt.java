package io.squall.task;

import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.util.Map;

/**
 * An operator on tuples. Every method is called on the bolt's executor thread. A bolt must ack or
 * fail every input tuple when acking is on, or the tuple's tree times out.
 */
public interface IBolt extends Serializable {
    /** Called once per task before the first tuple. */
    void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector);

    /** Processes one input tuple. */
    void execute(Tuple input);

    /** Called when the task shuts down; not guaranteed if the process is killed. */
    void cleanup();
}
