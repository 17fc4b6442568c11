package io.squall.runtime.agent;

import io.squall.runtime.queue.IdleStrategy;
import io.squall.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Runs one {@link Agent} on its own daemon thread: {@code onStart}, then {@code idle.idle(doWork())} until
 * {@link #stop()}, then {@code onClose}. A {@code Throwable} escaping the agent ends the loop and goes to the
 * error handler (then an {@code Error} is rethrown); an interrupt ends the loop and keeps the flag.
 * {@link #start}, {@link #stop} and {@link #join} may be called from any thread.
 */
public final class AgentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

    private final Agent agent;
    private final IdleStrategy idle;
    private final BiConsumer<String, Throwable> onError;
    private volatile boolean running = true;
    private volatile Thread thread;
    /**
     * Rounds completed, and how many of them did work. Written only by the agent's thread, with release stores:
     * a volatile write here would cost a full fence per round on the hot path.
     */
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong busyRounds = new AtomicLong();

    /**
     * @param idle    how the thread waits after a round that did nothing
     * @param onError told, on the agent's thread, of a {@code Throwable} that ended the agent
     */
    public AgentRunner(Agent agent, IdleStrategy idle, BiConsumer<String, Throwable> onError) {
        this.agent = agent;
        this.idle = idle;
        this.onError = onError;
    }

    /** Starts the agent's thread, named {@code prefix + agent name}. */
    public void start(String prefix) {
        Thread t = new Thread(this::run, prefix + agent.name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        try {
            agent.onStart();
            long done = 0;
            long busy = 0;
            while (running) {
                int work = agent.doWork();
                if (work > 0) {
                    busyRounds.lazySet(++busy);
                }
                rounds.lazySet(++done);
                idle.idle(work);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            onError.accept(agent.name(), t);
            if (t instanceof Error) {
                throw (Error) t;
            }
        } finally {
            try {
                agent.onClose();
            } catch (Throwable t) {
                LOG.warn("Error closing agent {}", agent.name(), t);
            }
        }
    }

    /** Asks the agent to stop after its current round. Any thread. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            if (Time.isSimulating() && Time.isThreadWaiting(t)) {
                t.interrupt();      // a spout sleeping in simulated time would wait for a clock nobody advances
            }
        }
    }

    /** Wakes the agent's thread if it is parked, so it runs a round now. Any thread. */
    public void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** The rounds of {@code doWork} completed so far. Any thread. */
    public long rounds() {
        return rounds.get();
    }

    /** The completed rounds that did some work. Any thread. */
    public long busyRounds() {
        return busyRounds.get();
    }

    /** The agent's thread, null before {@link #start}. */
    public Thread thread() {
        return thread;
    }

    /** Waits for the agent's thread to end; returns whether it did. Any thread but the agent's. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.join(unit.toMillis(timeout));
        return !t.isAlive();
    }

    /** The agent run. */
    public Agent agent() {
        return agent;
    }
}
