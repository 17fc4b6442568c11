package io.squall.runtime.executor;

import io.squall.runtime.queue.CongestionView;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.stats.MetricsSettings;
import io.squall.runtime.tap.StreamTaps;
import io.squall.serialization.OutboundEncoding;
import io.squall.task.TopologyContext;
import io.squall.utils.Clock;

import java.util.Map;

/**
 * Everything an executor may use of the worker that runs it, and nothing more: time, the queues it sends
 * to, acker addressing, where errors go, a read-only view of congestion and activation, and the factory of
 * its tasks. The worker implements it in production; a test may implement it to run one executor alone.
 *
 * <p>Threads: the executor calls it from its own thread. {@link #queueByTask()}, {@link #ackerTask} and
 * {@link #clock()} are on the tuple path and must not allocate or lock.
 */
public interface ExecutorContext {
    /** The time source of every timer, timeout, tick and latency. */
    Clock clock();

    /** The receive queue of every task id (null for ids that do not exist); the executor indexes it directly. */
    ReceiveQueue[] queueByTask();

    /** The acker task that tracks the tree of {@code root}. */
    int ackerTask(long root);

    /** Whether anything downstream is congested; spouts do not emit while it is. */
    CongestionView congestion();

    /** Whether spouts may emit (the topology is active). Any thread; a volatile read. */
    boolean isActive();

    /** The component of a task id, or null. */
    String componentOf(int taskId);

    /** Records an error of a task, for the dashboard and the log. */
    void reportError(String componentId, int taskId, Throwable error);

    /** An executor hit an error it cannot recover from: the topology must stop. */
    void fatal(String executorName, Throwable error);

    /** A fresh copy of a component object for one task. */
    Object newComponentInstance(String componentId);

    /** The configuration a component's tasks see. A copy the caller may keep. */
    Map<String, Object> componentConf(String componentId);

    /** The context of one task. */
    TopologyContext newTopologyContext(int taskId);

    /** A serialization check for one executor, or null when there is none to do. */
    SerializationCheck newSerializationCheck();

    /** The metrics configuration. */
    MetricsSettings metricsSettings();

    /** The worker's stream taps, which each task connects its routes to when it is made. */
    StreamTaps taps();

    /**
     * How the executor encodes what it sends to other workers, on its own thread; null (the default) to hand it to
     * the transport as objects.
     */
    default OutboundEncoding outboundEncoding() {
        return null;
    }

    /** The topology's credentials as this worker has them (none, by default). */
    default CredentialsFeed credentials() {
        return NO_CREDENTIALS;
    }

    /** The credentials of a worker that is given none. */
    CredentialsFeed NO_CREDENTIALS = new CredentialsFeed();

    /** Whether {@code queue} is consumed by the transport to another worker. */
    default boolean isOutbound(ReceiveQueue queue) {
        return false;
    }
}
