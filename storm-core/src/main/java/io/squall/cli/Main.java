package io.squall.cli;

import io.squall.LocalCluster;
import io.squall.LocalDRPC;
import io.squall.SquallSubmitter;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.runtime.api.ComponentCounts;
import io.squall.topology.NotAliveException;
import io.squall.utils.DRPCClient;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What {@code bin/squall} runs. Exit codes: 0 success, 1 the topology failed, 2 bad arguments.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final int DEFAULT_TTL_SECS = 20;
    private static final long UI_UPDATE_MILLIS = 1000;
    /** How long a kill from the dashboard may take to stop the executors, beyond their 10 s join timeout. */
    private static final long KILL_WAIT_MILLIS = 15_000;

    /** The system property {@code bin/squall} sets to Squall's directory, where {@code demo} finds its JAR. */
    static final String HOME_PROPERTY = "squall.home";
    static final String DEMO_JAR = "topologies/target/squall-topologies.jar";
    static final String DEMO_CLASS = "io.squall.topologies.WordCountTopology";
    private static final int DEMO_TTL_SECS = 120;
    private static final CommandLine.Spec LOCAL_SPEC = new CommandLine.Spec(
            ClusterCommands.withArtifacts("--local-ttl", "--jars"), Set.of("--ui"), 2);
    private static final CommandLine.Spec DEMO_SPEC = new CommandLine.Spec(Set.of("--local-ttl"), Set.of("--ui"), 0);

    /** Each command's own help, after "Usage: squall ". */
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("local", "local JAR CLASS [ARGS...] [--local-ttl SECS] [--ui [PORT]] [--jars JAR,...] [-c key=value...]\n"
                + "        [--artifacts G:A:V,...] [-- ARGS...]\n"
                + "        Runs CLASS's main from JAR (and the --jars) in this JVM; its SquallSubmitter.submitTopology calls start the\n"
                + "        topologies here. They run for SECS seconds (default " + DEFAULT_TTL_SECS + "), then stop.\n"
                + "        --ui serves the dashboard on http://127.0.0.1:PORT/ (default "
                + ConfigKeys.UI_PORT.defaultValue() + "; 0 picks a free port).\n"
                + "        -c key=value sets a key of every submitted topology's config (over what main sets).\n"
                + "        ARGS go to main; options of local are taken anywhere, except after --.\n"
                + ClusterCommands.ARTIFACTS_HELP);
        HELP.put("demo", "demo [--local-ttl SECS] [--ui [PORT]] [-c key=value...] [ARGS...]\n"
                + "        Builds what is missing and runs the word-count example in local mode with the dashboard on\n"
                + "        (port " + ConfigKeys.UI_PORT.defaultValue() + ") for " + DEMO_TTL_SECS
                + " seconds; the options are those of local.");
        HELP.putAll(ClusterCommands.HELP);
        HELP.putAll(SecurityCommands.HELP);
        HELP.put("blobstore", BlobCommands.HELP);
        HELP.put("logviewer", LogviewerCommand.HELP);
        HELP.put("dev-kafka", "dev-kafka [--port PORT] [--dir DIR]\n"
                + "        Runs a development Kafka (one KRaft node) on 127.0.0.1:9092, data in storm.local.dir/dev-kafka\n"
                + "        (bin/squall only; builds the Kafka module if needed).");
        HELP.put("kafka-monitor", "kafka-monitor -t TOPICS -b BROKERS -g GROUP_ID [-s PROTOCOL] [-m MECHANISM] "
                + "[-c FILE]\n"
                + "        Prints how far a KafkaSpout's consumer group is behind its topics' heads, as JSON (Storm's\n"
                + "        storm-kafka-monitor; bin/squall only, 'bin/squall kafka-monitor --help' for the options).");
        HELP.put("localconfvalue", "localconfvalue KEY [-c key=value...]\n"
                + "        Prints KEY: VALUE as this machine's configuration has it (conf/squall.yaml over the defaults,\n"
                + "        with -c); a key no one set prints KEY: null.");
        HELP.putAll(NodeCommands.HELP);
        HELP.put("version", "version\n        Prints Squall's version, the git revision and branch it was built from, "
                + "and who built it when.");
    }

    private static final String USAGE_TEXT = "Usage: squall COMMAND [ARGS]\n\nCommands:\n"
            + HELP.values().stream().map(h -> "  " + h).collect(Collectors.joining("\n"))
            + "\n  help\n        Prints this text.\n\n'squall COMMAND --help' prints the help of one command.";

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
                case "local" -> local(CommandLine.parse(rest, LOCAL_SPEC), out, err);
                case "demo" -> demo(CommandLine.parse(rest, DEMO_SPEC), out, err);
                case "localconfvalue" -> {
                    CommandLine line = CommandLine.parse(rest, CommandLine.Spec.of());
                    if (line.help()) {
                        yield help(command, out);
                    }
                    if (line.positional().size() != 1) {
                        throw new UsageException("needs exactly one KEY, got " + line.positional());
                    }
                    String key = line.positional().get(0);
                    Object value = config(line.overrides(), err).asMap().get(key);
                    if (value == null && ConfigKeys.get(key) == null) {
                        String near = ConfigKeys.closest(key);
                        err.println("squall: warning: '" + key + "' is not a Squall config key"
                                + (near != null ? " (did you mean '" + near + "'?)" : ""));
                    }
                    out.println(key + ": " + value);
                    yield OK;
                }
                case "version" -> {
                    CommandLine line = CommandLine.parse(rest, CommandLine.Spec.of());
                    if (line.help()) {
                        yield help(command, out);
                    }
                    if (!line.positional().isEmpty()) {
                        throw new UsageException("takes no arguments, got " + line.positional());
                    }
                    out.println(versionText(buildInfo()));
                    yield OK;
                }
                case "dev-kafka" -> devKafka(rest, out, err);
                case "kafka-monitor" -> kafkaMonitor(rest, out, err);
                case "dev-zookeeper", "nimbus", "supervisor", "jar", "list", "kill", "activate", "deactivate",
                     "rebalance", "ui", "drpc", "get-errors", "drpc-client", "monitor", "set_log_level",
                     "upload-credentials" ->
                        ClusterCommands.run(command, rest, out, err);
                case "remoteconfvalue" -> ClusterCommands.run(command, rest, out, err);
                case "classpath", "server_classpath", "kill_workers", "node-health-check", "heartbeats" ->
                        NodeCommands.run(command, rest, out, err);
                case "add-user", "dev-certs" -> SecurityCommands.run(command, rest, out, err);
                case "blobstore" -> BlobCommands.run(rest, System.in, out, err);
                case "logviewer" -> LogviewerCommand.run(rest, out, err);
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
            err.println("squall " + command + ": " + e.getMessage() + " (see 'squall " + command + " --help')");
            return USAGE;
        }
    }

    /** Prints a command's help. */
    static int help(String command, PrintStream out) {
        out.println("Usage: squall " + HELP.get(command));
        return OK;
    }

    /**
     * Loads the configuration with a command's {@code -c} overrides, warning on {@code err} about each key that
     * is not a Squall key (a typo, or a key only a topology reads), with the known key it probably meant.
     *
     * @throws UsageException if an override is malformed or has a wrong value
     */
    static DaemonConfig config(List<String> overrides, PrintStream err) {
        DaemonConfig conf;
        try {
            conf = DaemonConfig.load(overrides);
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        for (String key : DaemonConfig.parseOverrides(overrides).keySet()) {
            if (ConfigKeys.get(key) == null) {
                String near = ConfigKeys.closest(key);
                err.println("squall: warning: '" + key + "' is not a Squall config key"
                        + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; it only reaches the config of the topologies submitted");
            }
        }
        return conf;
    }

    private static int demo(CommandLine line, PrintStream out, PrintStream err) {
        if (line.help()) {
            return help("demo", out);
        }
        String ui = line.option("--ui");
        if (ui != null && !ui.isEmpty()) {
            uiPort(ui);
        }
        if (line.option("--local-ttl") != null) {
            ClusterCommands.parseInt("--local-ttl", line.option("--local-ttl"), 1);
        }
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new UsageException("demo runs from bin/squall, which builds the example topologies first");
        }
        List<String> positional = new ArrayList<>(List.of(new File(home, DEMO_JAR).getPath(), DEMO_CLASS));
        positional.addAll(line.positional());
        Map<String, List<String>> options = new LinkedHashMap<>(line.options());
        options.putIfAbsent("--ui", List.of(""));
        options.putIfAbsent("--local-ttl", List.of(String.valueOf(DEMO_TTL_SECS)));
        return local(new CommandLine(positional, options, line.overrides(), false), out, err);
    }

    @SuppressWarnings("try")      // the DRPC override is in force for the block, never referenced
    private static int local(CommandLine line, PrintStream out, PrintStream err) {
        if (line.help()) {
            return help("local", out);
        }
        int ttl = line.option("--local-ttl") == null ? DEFAULT_TTL_SECS
                : ClusterCommands.parseInt("--local-ttl", line.option("--local-ttl"), 1);
        Integer uiPort = null;
        String ui = line.option("--ui");
        if (ui != null) {
            uiPort = ui.isEmpty() ? (Integer) ConfigKeys.UI_PORT.defaultValue() : uiPort(ui);
        }
        List<String> positional = line.positional();
        if (positional.size() < 2) {
            throw new UsageException("needs a topology JAR and the class whose main submits the topology");
        }
        File jar = new File(positional.get(0));
        if (!jar.isFile()) {
            throw new UsageException("topology JAR '" + jar + "' does not exist or is not a file");
        }
        List<Path> dependencies = new ArrayList<>(DependencyJars.parse(line.option("--jars")));
        try {
            dependencies.addAll(Artifacts.resolve(line, err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (java.io.IOException e) {
            err.println("squall local: --artifacts: " + e);
            return FAILED;
        }
        config(line.overrides(), err);
        String className = positional.get(1);
        String[] userArgs = positional.subList(2, positional.size()).toArray(new String[0]);
        DashboardServer dashboard = null;
        LocalClusterView view = null;
        try (URLClassLoader loader = new URLClassLoader(DependencyJars.classpath(jar.toPath(), dependencies),
                Main.class.getClassLoader());
             LocalCluster cluster = new LocalCluster();
             LocalDRPC drpc = new LocalDRPC();
             DRPCClient.LocalOverride drpcOverride = new DRPCClient.LocalOverride(drpc)) {
            if (uiPort != null) {
                try {
                    view = new LocalClusterView(cluster);
                    dashboard = new DashboardServer(view,
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
            SquallSubmitter.setCommandLineOverrides(line.overrides());
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
            if (view != null) {
                view.awaitKills(KILL_WAIT_MILLIS); // A kill from the dashboard: let the executors close first.
            }
            return report(cluster, names, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (java.io.IOException | ReflectiveOperationException e) {
            err.println("squall local: " + e);
            return FAILED;
        } finally {
            SquallSubmitter.setLocalOverride(null);
            SquallSubmitter.setCommandLineOverrides(List.of());
            if (dashboard != null) {
                dashboard.close();
            }
        }
    }

    private static int uiPort(String value) {
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--ui takes a port number, got '" + value
                    + "' (a program argument goes before --ui, or after --)");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--ui port must be between 0 and 65535, got " + port);
        }
        return port;
    }

    /**
     * Prints each topology's end: its failure, that it was killed before its time (from the dashboard), or its
     * counts. Exit code 1 if one failed.
     */
    static int report(LocalCluster cluster, List<String> names, PrintStream out, PrintStream err) {
        int code = OK;
        for (String name : names) {
            Throwable failure = cluster.getTopologyFailure(name);
            if (failure != null) {
                err.println("Topology " + name + " failed: " + failure.getMessage());
                code = FAILED;
                continue;
            }
            Map<String, ComponentCounts> stats;
            try {
                stats = cluster.getComponentStats(name);
            } catch (NotAliveException killed) {
                out.println("Topology " + name + " was killed (from the dashboard) before its time ran out");
                continue;
            }
            printStats(out, name, stats);
        }
        return code;
    }

    /** Runs the Kafka module's development broker, which bin/squall puts on the classpath for this command. */
    private static int devKafka(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.parse(args, CommandLine.Spec.of("--port", "--dir"));
        if (line.help()) {
            return help("dev-kafka", out);
        }
        if (!line.positional().isEmpty() || !line.overrides().isEmpty()) {
            throw new UsageException("takes only --port PORT and --dir DIR, got " + Arrays.asList(args));
        }
        Class<?> devKafka;
        try {
            devKafka = Class.forName("io.squall.kafka.dev.DevKafka");
        } catch (ClassNotFoundException e) {
            err.println("squall dev-kafka: the Kafka module is not on the classpath: run it as 'bin/squall dev-kafka', "
                    + "which builds it (mvn -pl external/kafka -am -DskipTests package)");
            return USAGE;
        }
        String localDir = io.squall.config.DaemonConfig.load(List.of()).getString(ConfigKeys.STORM_LOCAL_DIR);
        List<String> all = new ArrayList<>(List.of("--local-dir", localDir));
        all.addAll(Arrays.asList(args));
        try {
            devKafka.getMethod("main", String[].class).invoke(null, (Object) all.toArray(new String[0]));
            return OK;
        } catch (InvocationTargetException e) {
            err.println("squall dev-kafka: " + e.getCause());
            return FAILED;
        } catch (ReflectiveOperationException e) {
            err.println("squall dev-kafka: " + e);
            return FAILED;
        }
    }

    /** Runs the Kafka module's lag tool, which bin/squall puts on the classpath for this command. */
    private static int kafkaMonitor(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            return help("kafka-monitor", out);
        }
        try {
            Class<?> tool = Class.forName("io.squall.kafka.monitor.KafkaOffsetLagUtil");
            return (Integer) tool.getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, args, out, err);
        } catch (ClassNotFoundException e) {
            err.println("squall kafka-monitor: the Kafka module is not on the classpath: run it as "
                    + "'bin/squall kafka-monitor', which builds it");
            return USAGE;
        } catch (InvocationTargetException e) {
            err.println("squall kafka-monitor: " + e.getCause());
            return FAILED;
        } catch (ReflectiveOperationException e) {
            err.println("squall kafka-monitor: " + e);
            return FAILED;
        }
    }

    /** Whether {@code file} starts as a zip file does: with an entry, or with the end record of an empty one. */
    static boolean isJar(File file) {
        try (InputStream in = new FileInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                    && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
        } catch (IOException e) {
            return false;
        }
    }

    static Method mainOf(ClassLoader loader, String className, File jar) throws NoSuchMethodException {
        if (!isJar(jar)) {
            throw new UsageException("'" + jar + "' is not a JAR: give the topology JAR (a zip file, as mvn package "
                    + "builds it)");
        }
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

    /** Where the build writes what {@code version} prints (storm-core/src/main/resources-filtered). */
    static final String VERSION_RESOURCE = "/io/squall/squall-version.properties";

    /** What the build recorded: version, revision, branch, built.by, built.at (absent or empty if unknown). */
    static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unknown: versionText says so.
        }
        return p;
    }

    /**
     * Storm's version text for Squall: the version, the revision, the branch, who built it and when. What the build
     * did not record (a plain mvn build records no revision: bin/squall's build passes it) is said to be unknown.
     */
    static String versionText(Properties info) {
        String version = known(info, "version");
        String revision = known(info, "revision");
        String branch = known(info, "branch");
        String by = known(info, "built.by");
        String at = known(info, "built.at");
        return "Squall " + (version != null ? version : "(version unknown: not built by Maven)") + "\n"
                + "Revision " + (revision != null ? revision : "unknown (built without -Dsquall.git.revision; "
                + "bin/squall's build records it)") + "\n"
                + "Branch " + (branch != null ? branch : "unknown") + "\n"
                + "Compiled by " + (by != null ? by : "unknown") + " on " + (at != null ? at : "an unknown date");
    }

    /** A property the build filled in, or null when it is missing, empty or left unfiltered. */
    private static String known(Properties info, String key) {
        String v = info.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? null : v.strip();
    }

    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
