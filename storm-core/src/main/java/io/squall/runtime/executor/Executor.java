package io.squall.runtime.executor;

import io.squall.config.TopologySettings;
import io.squall.runtime.Worker;
import io.squall.runtime.queue.IdleStrategy;
import io.squall.runtime.queue.ReceiveQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An agent that runs the tasks of one component on its own thread: {@link #onStart}, then
 * {@code idle.idle(doWork())} until stopped, then {@link #onClose}. All task state is confined to that
 * thread; other threads reach it only through its {@link ReceiveQueue} and the worker's volatile flags.
 * A {@code Throwable} escaping a round is fatal for the topology: it is reported to the worker, which
 * stops it (user exceptions are caught closer to the user code and do not get here).
 */
public abstract class Executor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

    protected final String name;
    protected final String componentId;
    protected final int[] taskIds;
    protected final Worker worker;
    protected final TopologySettings settings;
    protected final ReceiveQueue queue;
    final Transfer transfer;
    private final IdleStrategy idle;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param maxParkNanos the longest the executor may sleep when idle, which bounds how late its timers fire
     */
    protected Executor(String name, String componentId, int[] taskIds, Worker worker, TopologySettings settings,
                       ReceiveQueue queue, long maxParkNanos) {
        this.name = name;
        this.componentId = componentId;
        this.taskIds = taskIds;
        this.worker = worker;
        this.settings = settings;
        this.queue = queue;
        this.transfer = new Transfer(worker.queueByTask(), settings.producerBatchSize());
        this.idle = IdleStrategy.of(settings.waitStrategy(), queue::awaitMessages, maxParkNanos);
    }

    /** Starts the executor's thread. */
    public void start() {
        Thread t = new Thread(this, "executor-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public final void run() {
        queue.bindConsumer();
        try {
            onStart();
            while (running) {
                idle.idle(doWork());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            worker.fatal(name, t);
            if (t instanceof Error) {
                throw (Error) t;
            }
        } finally {
            try {
                onClose();
            } catch (Throwable t) {
                LOG.warn("Error closing executor {}", name, t);
            }
            transfer.close();
            queue.close();
        }
    }

    /** Opens or prepares the tasks. Executor thread. */
    protected abstract void onStart() throws Exception;

    /**
     * One round: drain the queue, run timers, emit, publish.
     *
     * @return how much work the round did; zero lets the idle strategy wait
     */
    protected abstract int doWork() throws Exception;

    /** Closes or cleans up the tasks. Executor thread. */
    protected abstract void onClose();

    /** Asks the executor to stop after its current round. Any thread. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits for the executor's thread to end; returns whether it did. Any thread but the executor's. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.join(unit.toMillis(timeout));
        return !t.isAlive();
    }

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

    /** The executor's name, e.g. {@code split[3-4]}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Executor[" + name + "]";
    }
}
