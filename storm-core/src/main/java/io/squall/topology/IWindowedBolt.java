package io.squall.topology;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.windowing.TimestampExtractor;
import io.squall.windowing.TupleWindow;

import java.util.Map;

/**
 * A bolt that processes windows of tuples rather than single tuples. The runtime keeps the window, calls
 * {@link #execute(TupleWindow)} each time one fires, and acks each tuple when it leaves the last window
 * it belongs to; the bolt must not ack or fail window tuples itself. Extend
 * {@link io.squall.topology.base.BaseWindowedBolt} to choose the window.
 */
public interface IWindowedBolt extends IComponent {
    /** Called once per task before the first window. */
    void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector);

    /** Processes one window. Emits may be anchored to the window's tuples. */
    void execute(TupleWindow inputWindow);

    /** Called when the task shuts down. */
    void cleanup();

    /** Where the event time of a tuple is read, or null for windows by processing (arrival) time. */
    TimestampExtractor getTimestampExtractor();
}
