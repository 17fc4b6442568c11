package io.squall.cli;

import io.squall.LocalCluster;
import io.squall.SquallSubmitter;
import io.squall.config.ConfigKeys;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.runtime.api.ComponentCounts;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code bin/squall} runs. Exit codes: 0 success, 1 the topology failed, 2 bad arguments.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final int DEFAULT_TTL_SECS = 20;
    private static final long UI_UPDATE_MILLIS = 1000;

    private static final String USAGE_TEXT = String.join("\n",
            "Usage: squall COMMAND [ARGS]",
            "",
            "Commands:",
            "  local JAR CLASS [ARGS...] [--local-ttl SECS] [--ui [PORT]]",
            "        Runs CLASS's main from JAR in this JVM; its SquallSubmitter.submitTopology calls",
            "        start the topologies here. They run for SECS seconds (default " + DEFAULT_TTL_SECS + "), then stop.",
            "        --ui serves the dashboard on http://127.0.0.1:PORT/ (default " + ConfigKeys.UI_PORT.defaultValue()
                    + "; 0 picks a free port).",
            "  demo  Builds what is missing and runs the word-count example in local mode with the dashboard",
            "        on (bin/squall only; takes the options of local).",
            "  dev-zookeeper | nimbus | supervisor [-c key=value...]",
            "        Runs a development ZooKeeper, a Nimbus, or a supervisor (see 'squall COMMAND --help').",
            "  ui [-c key=value...]",
            "        Serves the dashboard of the cluster whose Nimbus is in nimbus.seeds on http://ui.host:ui.port/.",
            "  jar JAR CLASS [ARGS...]",
            "        Runs CLASS's main from JAR, which submits its topologies to the cluster's Nimbus.",
            "  list | kill NAME [-w SECS] | activate NAME | deactivate NAME",
            "  rebalance NAME [-n WORKERS] [-e COMPONENT=EXECUTORS...]",
            "        Manage the cluster's topologies. Every cluster command takes -c key=value overrides.",
            "  version",
            "        Prints the version.",
            "  help  Prints this text.");

    private Main() {
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "local" -> local(rest, out, err);
                case "version" -> {
                    out.println("Squall " + version());
                    yield OK;
                }
                case "dev-zookeeper", "nimbus", "supervisor", "jar", "list", "kill", "activate", "deactivate",
                     "rebalance", "ui" -> ClusterCommands.run(command, rest, out, err);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> {
                    err.println("Unknown command '" + command + "'.\n\n" + USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (UsageException e) {
            err.println("squall " + command + ": " + e.getMessage());
            return USAGE;
        }
    }

    private static int local(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        int ttl = DEFAULT_TTL_SECS;
        Integer uiPort = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.println(USAGE_TEXT);
                return OK;
            }
            if (args[i].equals("--local-ttl")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--local-ttl needs a number of seconds");
                }
                try {
                    ttl = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new UsageException("--local-ttl needs a whole number of seconds, got '" + args[i] + "'");
                }
                if (ttl < 1) {
                    throw new UsageException("--local-ttl must be at least 1 second, got " + ttl);
                }
            } else if (args[i].equals("--ui")) {
                uiPort = (Integer) ConfigKeys.UI_PORT.defaultValue();
                if (i + 1 < args.length && args[i + 1].matches("\\d+")) {
                    uiPort = Integer.parseInt(args[++i]);
                    if (uiPort > 65535) {
                        throw new UsageException("--ui port must be between 0 and 65535, got " + uiPort);
                    }
                }
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() < 2) {
            throw new UsageException("needs a topology JAR and the class whose main submits the topology");
        }
        File jar = new File(positional.get(0));
        if (!jar.isFile()) {
            throw new UsageException("topology JAR '" + jar + "' does not exist or is not a file");
        }
        String className = positional.get(1);
        String[] userArgs = positional.subList(2, positional.size()).toArray(new String[0]);
        DashboardServer dashboard = null;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, Main.class.getClassLoader());
             LocalCluster cluster = new LocalCluster()) {
            if (uiPort != null) {
                try {
                    dashboard = new DashboardServer(new LocalClusterView(cluster),
                            (String) ConfigKeys.UI_HOST.defaultValue(), uiPort, UI_UPDATE_MILLIS);
                } catch (IllegalStateException e) {
                    err.println("squall local: " + e.getMessage() + " (pick another port with --ui PORT)");
                    return FAILED;
                }
                out.println("Dashboard: " + dashboard.url() + " (JSON API under " + dashboard.url() + "api/v1/, "
                        + "Prometheus text at " + dashboard.url() + "metrics)");
            }
            Method main = mainOf(loader, className, jar);
            Thread.currentThread().setContextClassLoader(loader);
            SquallSubmitter.setLocalOverride(cluster);
            try {
                main.invoke(null, (Object) userArgs);
            } catch (InvocationTargetException e) {
                err.println("squall local: " + className + ".main failed: " + e.getCause());
                e.getCause().printStackTrace(err);
                return FAILED;
            }
            List<String> names = cluster.getTopologyNames();
            if (names.isEmpty()) {
                err.println("squall local: " + className + ".main submitted no topology");
                return FAILED;
            }
            out.println("Running " + names + " in local mode for " + ttl + "s");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ttl);
            while (System.nanoTime() < deadline && !cluster.getTopologyNames().isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            int code = OK;
            for (String name : names) {
                Throwable failure = cluster.getTopologyFailure(name);
                if (failure != null) {
                    err.println("Topology " + name + " failed: " + failure.getMessage());
                    code = FAILED;
                } else {
                    printStats(out, name, cluster.getComponentStats(name));
                }
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (java.io.IOException | ReflectiveOperationException e) {
            err.println("squall local: " + e);
            return FAILED;
        } finally {
            SquallSubmitter.setLocalOverride(null);
            if (dashboard != null) {
                dashboard.close();
            }
        }
    }

    static Method mainOf(ClassLoader loader, String className, File jar) throws NoSuchMethodException {
        Class<?> k;
        try {
            k = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UsageException("class '" + className + "' is not in " + jar);
        }
        Method m;
        try {
            m = k.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new UsageException("class '" + className + "' has no public static void main(String[])");
        }
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new UsageException("main of '" + className + "' is not static");
        }
        return m;
    }

    private static void printStats(PrintStream out, String name, Map<String, ComponentCounts> stats) {
        out.println("Topology " + name + ":");
        out.printf("  %-16s %12s %12s %12s %10s %10s %14s%n", "component", "emitted", "executed", "acked", "failed",
                "timed out", "latency ms");
        for (ComponentCounts s : stats.values()) {
            out.printf("  %-16s %12d %12d %12d %10d %10d %14.2f%n", s.componentId(), s.emitted(), s.executed(),
                    s.acked(), s.failed(), s.timedOut(), s.meanCompleteLatencyMs());
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }

    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
