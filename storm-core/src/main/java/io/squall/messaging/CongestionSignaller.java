package io.squall.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Tells the other workers whether this worker's executors are congested: checks every {@code checkMs} and
 * sends a {@link Frame#BACKPRESSURE} frame to every peer when the state changes, and again every
 * {@code refreshMs} without change, which both reaches peers that reconnected and keeps a congestion alive
 * at peers that expire it when it is not refreshed ({@link InboundDispatcher}).
 *
 * <p>It runs on the transport's own scheduler (the client event loop), never on the thread that talks to
 * ZooKeeper, so a slow or unreachable ZooKeeper cannot delay backpressure. {@link #check} runs on that
 * thread only.
 */
public final class CongestionSignaller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CongestionSignaller.class);

    private final BooleanSupplier congested;
    private final Supplier<? extends Collection<MessagingClient>> peers;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private boolean told;
    private long toldAtNanos;
    private boolean toldOnce;
    private long framesSent;
    private ScheduledFuture<?> task;

    /**
     * @param congested whether this worker's own executors are congested now; any thread
     * @param peers     the clients to the other workers now (read at every check: links change when task groups move)
     * @param refreshMs the state is re-sent this often even without change
     * @param nanoClock the time
     */
    public CongestionSignaller(BooleanSupplier congested, Supplier<? extends Collection<MessagingClient>> peers,
                              long refreshMs,
                               LongSupplier nanoClock) {
        this.congested = congested;
        this.peers = peers;
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(refreshMs);
        this.nanoClock = nanoClock;
    }

    /** Starts checking every {@code checkMs} on {@code scheduler}, which should be the transport's thread. */
    public synchronized void start(ScheduledExecutorService scheduler, long checkMs) {
        task = scheduler.scheduleWithFixedDelay(this::checkSafely, 0, checkMs, TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Could not signal backpressure to the other workers: {}", e.toString());
        }
    }

    /**
     * Compares the congestion with what was last told and tells every peer if it changed or is due a refresh.
     *
     * @return whether frames were sent
     */
    boolean check() {
        boolean now = congested.getAsBoolean();
        long t = nanoClock.getAsLong();
        if (toldOnce && now == told && t - toldAtNanos < refreshNanos) {
            return false;
        }
        for (MessagingClient peer : peers.get()) {
            if (peer.trySend(Frame.backpressure(now))) {
                framesSent++;
            }
        }
        told = now;
        toldAtNanos = t;
        toldOnce = true;
        return true;
    }

    /** Backpressure frames handed to connections so far; signaller thread. */
    long framesSent() {
        return framesSent;
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
