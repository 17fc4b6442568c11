package io.squall.spout;

import io.squall.task.TopologyContext;

import java.io.Serializable;
import java.util.Map;

/**
 * A source of tuples. Every method is called on the spout's executor thread, never concurrently, so a
 * spout needs no locking of its own. {@code nextTuple}, {@code ack} and {@code fail} should return
 * quickly: a spout with nothing to emit simply returns and the executor idles.
 */
public interface ISpout extends Serializable {
    /** Called once per task before anything else. */
    void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector);

    /** Called when the task shuts down; not guaranteed if the process is killed. */
    void close();

    /** The topology was activated: {@code nextTuple} will be called again. */
    void activate();

    /** The topology was deactivated: {@code nextTuple} will not be called until it is activated. */
    void deactivate();

    /** Emits zero or more tuples. */
    void nextTuple();

    /** The tuple tree of this message id completed. */
    void ack(Object msgId);

    /** The tuple tree of this message id failed or timed out; the spout decides whether to replay. */
    void fail(Object msgId);
}
