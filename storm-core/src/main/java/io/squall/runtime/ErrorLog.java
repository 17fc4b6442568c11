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

/**
 * The last errors reported by each component's tasks, for the dashboard and for tests. Thread-safe.
 */
public final class ErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    private static final int KEEP = 10;

    private final Map<String, Deque<ReportedError>> byComponent = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A log that stamps errors with the system clock. */
    public ErrorLog() {
        this(Clock.SYSTEM);
    }

    /** A log that stamps errors with {@code clock}. */
    public ErrorLog(Clock clock) {
        this.clock = clock;
    }

    /** Records and logs an error of a task. */
    public void report(String componentId, int taskId, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        ReportedError e = new ReportedError(componentId, taskId, clock.currentTimeMillis(), String.valueOf(error), trace.toString());
        Deque<ReportedError> q = byComponent.computeIfAbsent(componentId, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(e);
            if (q.size() > KEEP) {
                q.removeFirst();
            }
        }
        LOG.error("Error in {} task {}", componentId, taskId, error);
    }

    /** The last errors of a component, oldest first. */
    public List<ReportedError> errors(String componentId) {
        Deque<ReportedError> q = byComponent.get(componentId);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return new ArrayList<>(q);
        }
    }
}
