package io.squall.runtime.executor;

import io.squall.ICredentialsListener;
import io.squall.config.TopologySettings;
import io.squall.runtime.agent.Agent;
import io.squall.runtime.queue.IdleStrategy;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.routing.TaskLoad;
import io.squall.utils.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent that runs the tasks of one component: {@link #onStart}, then {@link #doWork()} until stopped,
 * then {@link #onClose}, all on the thread that drives it (an {@link io.squall.runtime.agent.AgentRunner}
 * in production, a {@link io.squall.runtime.agent.DeterministicDriver} in tests). All task state is
 * confined to that thread; other threads reach it only through its {@link ReceiveQueue}. It sees the
 * worker only through its {@link ExecutorContext}. A {@code Throwable} escaping a round is fatal for the
 * topology (user exceptions are caught closer to the user code and do not get here).
 */
public abstract class Executor implements Agent {
    protected final String name;
    protected final String componentId;
    protected final int[] taskIds;
    protected final ExecutorContext context;
    protected final Clock clock;
    protected final TopologySettings settings;
    protected final ReceiveQueue queue;
    final Transfer transfer;
    /** Counts kept by this thread and added to the component's counters once per round (see {@link RoundCounts}). */
    final RoundCounts counts;
    private final long firstParkNanos;
    private final long maxParkNanos;
    /** The tasks whose components listen to the topology's credentials, or null when none does. */
    private List<Listener> credentialListeners;
    /** The version of the credentials the listeners were last given. */
    private int credentialsGiven;

    private record Listener(int taskId, ICredentialsListener component) { }

    /**
     * @param maxParkNanos the longest the executor may sleep when idle, which bounds how late its timers fire
     */
    protected Executor(String name, String componentId, int[] taskIds, ExecutorContext context,
                       TopologySettings settings, ReceiveQueue queue, long maxParkNanos) {
        this(name, componentId, taskIds, context, settings, queue, maxParkNanos, maxParkNanos);
    }

    /**
     * @param firstParkNanos the first sleep of an idle spell, each further one twice as long up to
     *                       {@code maxParkNanos} (see {@link IdleStrategy#of(String, IdleStrategy.Parker, long, long)})
     * @param maxParkNanos   the longest the executor may sleep when idle, which bounds how late its timers fire
     */
    protected Executor(String name, String componentId, int[] taskIds, ExecutorContext context,
                       TopologySettings settings, ReceiveQueue queue, long firstParkNanos, long maxParkNanos) {
        this.name = name;
        this.componentId = componentId;
        this.taskIds = taskIds;
        this.context = context;
        this.clock = context.clock();
        this.settings = settings;
        this.queue = queue;
        this.transfer = new Transfer(context.queueByTask(), settings.producerBatchSize(), context::outboundEncoding,
                context::isOutbound);
        this.counts = transfer.counts;
        this.firstParkNanos = firstParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    /**
     * Gives task {@code taskId}'s component the topology's credentials now, if it is an {@link ICredentialsListener};
     * before its {@code open} or {@code prepare}, as Storm does.
     */
    protected final void giveCredentials(int taskId, Object component) {
        if (component instanceof ICredentialsListener l) {
            CredentialsFeed feed = context.credentials();
            if (credentialListeners == null) {
                credentialListeners = new ArrayList<>();
                // The version before the map: a push while the tasks open is given to all of them at the next round.
                credentialsGiven = feed.version();
            }
            Listener listener = new Listener(taskId, l);
            credentialListeners.add(listener);
            tell(listener, feed.current());
        }
    }

    /** Gives the listening components the credentials pushed since they were last given some; once a round. */
    protected final void refreshCredentials() {
        if (credentialListeners != null) {
            CredentialsFeed feed = context.credentials();
            int version = feed.version();
            if (version != credentialsGiven) {
                credentialsGiven = version;
                Map<String, String> credentials = feed.current();
                for (Listener l : credentialListeners) {
                    tell(l, credentials);
                }
            }
        }
    }

    private void tell(Listener l, Map<String, String> credentials) {
        try {
            l.component().setCredentials(credentials);
        } catch (RuntimeException e) {
            context.reportError(componentId, l.taskId(), e); // Reported; the task runs on with what it had.
        }
    }

    /** How a thread running this executor waits when idle: the configured strategy, woken by its queue. */
    public IdleStrategy idleStrategy() {
        return IdleStrategy.of(settings.waitStrategy(), this::park, firstParkNanos, maxParkNanos);
    }

    private void park(long nanos) {
        queue.awaitMessages(Math.min(nanos, timerSlackNanos()));
    }

    /**
     * The longest this executor may park now without its timers firing late; by default no bound beyond the
     * maximum park. Executor thread.
     */
    protected long timerSlackNanos() {
        return Long.MAX_VALUE;
    }

    @Override
    public final void onStart() throws Exception {
        queue.bindConsumer();
        openTasks();
    }

    /** Opens or prepares the tasks. Executor thread. */
    /**
     * The load of each task for load-aware shuffles: how full its receive queue is, or for a task of another
     * worker, the outbound queue to that worker.
     */
    protected final TaskLoad taskLoad() {
        ReceiveQueue[] queues = context.queueByTask();
        return task -> {
            ReceiveQueue q = task < queues.length ? queues[task] : null;
            return q == null ? 0 : (double) q.population() / q.capacity();
        };
    }

    protected abstract void openTasks() throws Exception;

    /**
     * One round: drain the queue, run timers, emit, publish.
     *
     * @return how much work the round did; zero lets the idle strategy wait
     */
    @Override
    public abstract int doWork() throws Exception;

    @Override
    public final void onClose() {
        try {
            closeTasks();
        } finally {
            transfer.close();
            queue.close();
        }
    }

    /** Closes or cleans up the tasks. Executor thread. */
    protected abstract void closeTasks();

    /** Messages this executor has sent to {@code task}. Any thread; may lag slightly. */
    public long sentTo(int task) {
        return transfer.sentTo(task);
    }

    /** The executor's component. */
    public String componentId() {
        return componentId;
    }

    /** The executor's receive queue, for metrics. */
    public ReceiveQueue queue() {
        return queue;
    }

    /** Messages buffered in this executor's outboxes that its destination queues had no room for yet. */
    public long outboxDepth() {
        return transfer.depth();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Executor[" + name + "]";
    }
}
