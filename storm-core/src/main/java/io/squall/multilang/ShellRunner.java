package io.squall.multilang;

import io.squall.config.ConfigKeys;
import io.squall.metric.api.IMetric;
import io.squall.metric.api.rpc.IShellMetric;
import io.squall.task.TopologyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one shell component task's subprocess running: starts it and waits for its handshake, turns a death, a
 * hang, garbage on its stdout or a bad emit into an error reported for the component (naming it, the task and
 * the command) and a restart, spacing restarts of a subprocess that keeps failing, and handles the commands
 * bolts and spouts share ({@code log}, {@code error}, {@code metrics}).
 *
 * <p>Confined to the component's executor thread. The component learns of a fault through {@code onFault}, so it
 * can fail what the dead subprocess held.
 */
public final class ShellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ShellRunner.class);
    private static final long MIN_RESTART_DELAY_MS = 100;
    private static final long MAX_RESTART_DELAY_MS = 10_000;
    /**
     * Least time a subprocess has for its handshake: starting an interpreter on a loaded machine takes seconds,
     * which must not count as a hang even with a short {@code topology.subprocess.timeout.secs}. Measured: eight
     * {@code python3} started at once through a pyenv shim (a bash script that runs several more before the
     * interpreter) on 2 cores at load average 30 took 36 s, the interpreter itself 6 s; with 30 s here
     * storm-starter's word count (eight splitter tasks) timed out every handshake and restarted them forever.
     * Storm waits for the handshake without a bound.
     */
    private static final long MIN_HANDSHAKE_SECS = 120;
    /** A subprocess that ran this long before failing is restarted at once. */
    private static final long HEALTHY_RUN_MS = 30_000;

    private final String kind;
    private final List<String> command;
    private final Map<String, String> env;
    private final boolean changeDirectory;
    private final Map<String, Object> conf;
    private final TopologyContext context;
    private final Consumer<Throwable> reportError;
    private final Runnable onFault;
    private final int writeCapacity;
    private final long timeoutNanos;
    private final String label;
    private ShellProcess process;
    private long startedAtMs;
    private long restartAtMs;
    private long restartDelayMs;
    private long restarts;

    /**
     * @param kind          "ShellBolt" or "ShellSpout", for messages
     * @param reportError   the collector's error reporting
     * @param onFault       called after a fault killed the subprocess
     * @param writeCapacity most messages queued for the subprocess
     */
    public ShellRunner(String kind, List<String> command, Map<String, String> env, boolean changeDirectory,
                       Map<String, Object> conf, TopologyContext context, Consumer<Throwable> reportError,
                       Runnable onFault, int writeCapacity) {
        this.kind = kind;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.changeDirectory = changeDirectory;
        this.conf = conf;
        this.context = context;
        this.reportError = reportError;
        this.onFault = onFault;
        this.writeCapacity = writeCapacity;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSecs(conf));
        this.label = kind + " '" + context.getThisComponentId() + "' task " + context.getThisTaskId() + " ("
                + String.join(" ", command) + ")";
    }

    /** {@code topology.subprocess.timeout.secs}, else {@code supervisor.worker.timeout.secs}, else its default. */
    static int timeoutSecs(Map<String, Object> conf) {
        for (String key : new String[] {ConfigKeys.TOPOLOGY_SUBPROCESS_TIMEOUT_SECS.name(),
                ConfigKeys.SUPERVISOR_WORKER_TIMEOUT_SECS.name()}) {
            if (conf.get(key) instanceof Number n && n.intValue() > 0) {
                return n.intValue();
            }
        }
        return (Integer) ConfigKeys.SUPERVISOR_WORKER_TIMEOUT_SECS.defaultValue();
    }

    /** Names the component, task and command, for messages. */
    public String label() {
        return label;
    }

    /** Whether a subprocess is up and has completed its handshake. */
    public boolean isRunning() {
        return process != null;
    }

    /** How many times the subprocess was restarted after a fault. */
    public long restarts() {
        return restarts;
    }

    /**
     * Starts the subprocess if none runs and a restart is due, and waits for its handshake (at most the subprocess
     * timeout). Returns whether it runs; a start that fails is a fault.
     */
    public boolean ensureRunning() {
        if (process != null) {
            return true;
        }
        if (System.currentTimeMillis() < restartAtMs) {
            return false;
        }
        File dir = changeDirectory && context.getCodeDir() != null ? new File(context.getCodeDir()) : null;
        ShellProcess p;
        startedAtMs = System.currentTimeMillis();
        try {
            p = ShellProcess.start(context.getThisComponentId() + "-" + context.getThisTaskId(), command, env, dir,
                    newSerializer(), writeCapacity, conf, context);
        } catch (IOException | RuntimeException e) {
            fault(null, "cannot start the subprocess in " + (dir == null ? "the worker's directory" : dir) + ": "
                    + e.getMessage(), e);
            return false;
        }
        long handshakeSecs = Math.max(MIN_HANDSHAKE_SECS, timeoutSecs(conf));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(handshakeSecs);
        try {
            while (true) {
                ShellProcess.Event e = p.poll(Math.max(1, deadline - System.nanoTime()));
                if (e instanceof ShellProcess.Connected c) {
                    process = p;
                    LOG.info("{} started, pid {}, handshake after {} ms", label, c.pid(),
                            System.currentTimeMillis() - startedAtMs);
                    return true;
                }
                if (e instanceof ShellProcess.Broken b) {
                    fault(p, "the subprocess failed its handshake: " + b.why(), b.cause());
                    return false;
                }
                if (System.nanoTime() - deadline >= 0) {
                    fault(p, "the subprocess did not answer the handshake within " + handshakeSecs + " s", null);
                    return false;
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            p.close();
            return false;
        }
    }

    private ISerializer newSerializer() {
        Object name = conf.get(ConfigKeys.TOPOLOGY_MULTILANG_SERIALIZER.name());
        String className = name == null ? JsonSerializer.class.getName() : name.toString();
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(className, true, loader == null ? getClass().getClassLoader() : loader);
            return (ISerializer) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new MultilangException("topology.multilang.serializer '" + className + "' cannot be used: it must "
                    + "name a class implementing io.squall.multilang.ISerializer with a public no-argument "
                    + "constructor (" + e + ")", e);
        }
    }

    /**
     * The next message of the subprocess, waiting up to {@code waitNanos}; null if none came, or if the subprocess
     * broke (a fault, already handled: {@link #isRunning()} is then false).
     */
    public ShellMsg poll(long waitNanos) {
        if (process == null) {
            return null;
        }
        ShellProcess.Event e;
        try {
            e = process.poll(waitNanos);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (e instanceof ShellProcess.Message m) {
            return m.msg();
        }
        if (e instanceof ShellProcess.Broken b) {
            fault(process, b.why(), b.cause());
        }
        return null;
    }

    /**
     * Whether the subprocess counts as hung: asked something at {@code askedAtNanos}, and both that and the last
     * thing it said are older than the subprocess timeout. A hang is a fault.
     */
    public boolean checkHung(long askedAtNanos) {
        long now = System.nanoTime();
        if (process != null && now - askedAtNanos > timeoutNanos && process.silentNanos(now) > timeoutNanos) {
            fault(process, "the subprocess answered nothing for " + TimeUnit.NANOSECONDS.toSeconds(now - askedAtNanos)
                    + " s (topology.subprocess.timeout.secs is " + timeoutSecs(conf) + ")", null);
            return true;
        }
        return false;
    }

    /** Queues the task ids answering an emit, ahead of queued tuples; dropped if no subprocess runs. */
    public void sendTaskIds(List<Integer> taskIds) {
        if (process != null) {
            process.sendTaskIds(taskIds);
        }
    }

    /** Queues a message for the subprocess; false if the queue is full or no subprocess runs. */
    public boolean offer(Object msg) {
        return process != null && process.offer(msg);
    }

    /**
     * Handles the commands bolts and spouts share: {@code log}, {@code error}, {@code metrics}. Returns false for
     * any other command.
     */
    public boolean handleCommon(ShellMsg msg) {
        switch (msg.getCommand()) {
            case "log" -> log(msg);
            case "error" -> reportError.accept(new MultilangException(label + " reported: " + msg.getMsg()));
            case "metrics" -> metrics(msg);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void log(ShellMsg msg) {
        String text = msg.getMsg();
        switch (msg.getLogLevel()) {
            case TRACE -> LOG.trace("{}: {}", label, text);
            case DEBUG -> LOG.debug("{}: {}", label, text);
            case WARN -> LOG.warn("{}: {}", label, text);
            case ERROR -> LOG.error("{}: {}", label, text);
            default -> LOG.info("{}: {}", label, text);
        }
    }

    private void metrics(ShellMsg msg) {
        String name = msg.getMetricName();
        Object params = msg.getMetricParams();
        IMetric registered = name == null ? null : context.getRegisteredMetricByName(name);
        if (name == null || name.isBlank()) {
            reportError.accept(new MultilangException(label + " sent a metrics command without a \"name\""));
        } else if (registered instanceof IShellMetric shell) {
            // As Storm: a metric the component registered under that name takes the params.
            try {
                shell.updateMetricFromRPC(params);
            } catch (RuntimeException e) {
                reportError.accept(new MultilangException(label + " sent metric '" + name + "' with params " + params
                        + ": " + e.getMessage(), e));
            }
        } else if (registered != null) {
            reportError.accept(new MultilangException(label + " sent metric '" + name + "', but the component "
                    + "registered that name for a " + registered.getClass().getName() + ", which is not an "
                    + "IShellMetric: register a CountShellMetric, AssignableShellMetric, CombinedShellMetric or "
                    + "ReducedShellMetric (io.squall.metric.api.rpc) for its subprocess to update"));
        } else if (params != null && !(params instanceof Number)) {
            reportError.accept(new MultilangException(label + " sent metric '" + name + "' with params " + params
                    + ": a shell metric is a counter, its params a number to add (or absent to add 1)"));
        } else {
            try {
                context.registerCounter(name).inc(params == null ? 1 : ((Number) params).longValue());
            } catch (IllegalArgumentException e) {
                reportError.accept(new MultilangException(label + " sent metric '" + name + "': " + e.getMessage()));
            }
        }
    }

    /**
     * Reports a fault of the subprocess for the component ({@code what} says what it did), kills it, schedules
     * its restart and tells the component.
     */
    public void fault(String what, Throwable cause) {
        fault(process, what, cause);
    }

    /** The fault of subprocess {@code p}, or of starting one when {@code p} is null. */
    private void fault(ShellProcess p, String what, Throwable cause) {
        if (p != null) {
            p.close();
        }
        process = null;
        long now = System.currentTimeMillis();
        restartDelayMs = now - startedAtMs >= HEALTHY_RUN_MS ? 0
                : Math.min(MAX_RESTART_DELAY_MS, Math.max(MIN_RESTART_DELAY_MS, restartDelayMs * 2));
        restartAtMs = now + restartDelayMs;
        restarts++;
        String stderrTail = p == null ? "" : p.stderrTail();
        String message = label + ": " + what + (what.contains("stderr") || stderrTail.isEmpty() ? ""
                : "; its stderr ends with: " + stderrTail) + ". Its pending tuples are failed and the subprocess is "
                + "restarted" + (restartDelayMs == 0 ? "" : " in " + restartDelayMs + " ms");
        reportError.accept(cause == null ? new MultilangException(message) : new MultilangException(message, cause));
        onFault.run();
    }

    /** Kills the subprocess, if any. */
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        restartAtMs = Long.MAX_VALUE;
    }
}
