package io.squall.runtime;

import io.squall.runtime.api.ReportedError;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The last errors reported by each component's tasks, for the dashboard and for tests, and their log lines.
 * Rate-limited per component: a component that fails every tuple gets one error recorded and logged per
 * interval (with the count of those suppressed since), so its executor keeps processing instead of formatting
 * stack traces; the executors count every error in their statistics. Thread-safe.
 */
public final class ErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    private static final int KEEP = 10;
    /** The default: one error per component logged every ten seconds at most. */
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** One component's errors. Guarded by itself. */
    private static final class Component {
        final Deque<ReportedError> last = new ArrayDeque<>();
        boolean anyLogged;
        long lastLoggedNanos;
        long suppressedSinceLog;
        long suppressedTotal;
    }

    private final Map<String, Component> byComponent = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long intervalNanos;

    /** A log on {@code clock} with the default interval. */
    public ErrorLog(Clock clock) {
        this(clock, DEFAULT_INTERVAL_NANOS);
    }

    /** A log on {@code clock} that records and logs at most one error per component every {@code intervalNanos}. */
    public ErrorLog(Clock clock, long intervalNanos) {
        this.clock = clock;
        this.intervalNanos = intervalNanos;
    }

    /** Records and logs an error of a task, unless the component had one recorded within the interval. */
    public void report(String componentId, int taskId, Throwable error) {
        Component c = byComponent.computeIfAbsent(componentId, k -> new Component());
        long now = clock.nanoTime();
        long suppressed;
        synchronized (c) {
            if (c.anyLogged && now - c.lastLoggedNanos < intervalNanos) {
                c.suppressedSinceLog++;
                c.suppressedTotal++;
                return;
            }
            c.anyLogged = true;
            c.lastLoggedNanos = now;
            suppressed = c.suppressedSinceLog;
            c.suppressedSinceLog = 0;
        }
        record(c, componentId, taskId, error);
        if (suppressed > 0) {
            LOG.error("Error in {} task {} ({} more errors of {} not logged in the last {} s)", componentId, taskId,
                    suppressed, componentId, TimeUnit.NANOSECONDS.toSeconds(intervalNanos), error);
        } else {
            LOG.error("Error in {} task {}", componentId, taskId, error);
        }
    }

    /** Records an error whatever the rate (one that stops the topology); the caller logs it. */
    public void reportAlways(String componentId, int taskId, Throwable error) {
        record(byComponent.computeIfAbsent(componentId, k -> new Component()), componentId, taskId, error);
    }

    private void record(Component c, String componentId, int taskId, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        ReportedError e = new ReportedError(componentId, taskId, clock.currentTimeMillis(), String.valueOf(error),
                trace.toString());
        synchronized (c) {
            c.last.addLast(e);
            if (c.last.size() > KEEP) {
                c.last.removeFirst();
            }
        }
    }

    /** The last errors recorded for a component, oldest first. */
    public List<ReportedError> errors(String componentId) {
        Component c = byComponent.get(componentId);
        if (c == null) {
            return List.of();
        }
        synchronized (c) {
            return new ArrayList<>(c.last);
        }
    }

    /** How many of a component's errors were counted but not recorded or logged, because of the rate limit. */
    public long suppressed(String componentId) {
        Component c = byComponent.get(componentId);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return c.suppressedTotal;
        }
    }
}
