package io.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.SquallSubmitter;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.daemon.DevZookeeper;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.daemon.metrics.DaemonMetrics;
import io.squall.daemon.nimbus.Nimbus;
import io.squall.daemon.supervisor.Supervisor;
import io.squall.daemon.ui.ClusterView;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.DrpcServers;
import io.squall.daemon.ui.LogLinks;
import io.squall.daemon.ui.NimbusClusterView;
import io.squall.errors.SquallException;
import io.squall.metrics.aggregate.MetricsClient;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.security.SecuritySettings;
import io.squall.topology.AuthorizationException;
import io.squall.topology.DRPCExecutionException;
import io.squall.utils.DRPCClient;
import io.squall.utils.NimbusClient;
import io.squall.utils.Utils;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The cluster commands of {@code bin/squall}: the daemons, {@code jar} and the topology commands. Every
 * command takes {@code -c key=value} overrides of {@code conf/squall.yaml} and {@code --help}. Exit codes as
 * in {@link Main}: 0 success, 1 failure (Nimbus unreachable, unknown topology...), 2 bad arguments.
 */
final class ClusterCommands {
    /** What jar and local say of Storm's --artifacts options. */
    static final String ARTIFACTS_HELP =
            "        --artifacts resolves Maven artifacts with their dependencies and ships them as --jars;\n"
            + "        ^G or ^G:A leaves a dependency out. --artifactRepositories NAME^URL,... are asked before\n"
            + "        Maven Central; --mavenLocalRepositoryDirectory DIR (default ~/.m2/repository), --proxyUrl,\n"
            + "        --proxyUsername, --proxyPassword as Storm's.";
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("dev-zookeeper", "dev-zookeeper [-c key=value...]\n"
                + "        Runs a single-node ZooKeeper for development on storm.zookeeper.port.");
        HELP.put("nimbus", "nimbus [-c key=value...]\n"
                + "        Runs a Nimbus on nimbus.host:nimbus.port (leader, or standby if another leads).");
        HELP.put("supervisor", "supervisor [-c key=value...]\n"
                + "        Runs a supervisor with worker ports supervisor.slots.ports.");
        HELP.put("ui", "ui [-c key=value...]\n"
                + "        Serves the dashboard of the cluster whose Nimbus is in nimbus.seeds\n"
                + "        on http://ui.host:ui.port/.");
        HELP.put("drpc", "drpc [-c key=value...]\n"
                + "        Runs a DRPC server on drpc.http.host:drpc.http.port (HTTP; requests time out after\n"
                + "        drpc.request.timeout.secs).");
        HELP.put("jar", "jar JAR CLASS [ARGS...] [--jars JAR,...] [--artifacts G:A:V[^G[:A]],...] [-c key=value...]\n"
                + "        Runs CLASS's main from JAR; its SquallSubmitter.submitTopology calls upload JAR to Nimbus.\n"
                + "        --jars ships other JARs with it (comma-separated): on main's classpath, and merged into\n"
                + "        the uploaded JAR so that the workers load them too (the topology JAR's classes first).\n"
                + ARTIFACTS_HELP);
        HELP.put("list", "list [-c key=value...]\n"
                + "        Lists the topologies on the cluster, in the columns of Storm's list (Topology_name, Status,\n"
                + "        Num_tasks, Num_workers, Uptime_secs, Topology_Id, Owner), then Num_executors.");
        HELP.put("kill", "kill NAME [-w SECS] [-c key=value...]\n"
                + "        Deactivates NAME's spouts, waits SECS (default: its topology.message.timeout.secs) and\n"
                + "        stops its workers.");
        HELP.put("activate", "activate NAME [-c key=value...]\n"
                + "        Lets NAME's spouts emit.");
        HELP.put("deactivate", "deactivate NAME [-c key=value...]\n"
                + "        Stops NAME's spouts from emitting.");
        HELP.put("rebalance", "rebalance NAME [-w SECS] [-n WORKERS] [-e COMPONENT=EXECUTORS...] [-c key=value...]\n"
                + "        Deactivates NAME's spouts for SECS (default: its topology.message.timeout.secs), then\n"
                + "        spreads it over WORKERS workers and COMPONENT over EXECUTORS executors (a keyed stateful\n"
                + "        bolt gets that many tasks too, its state redistributed by key group) and activates it\n"
                + "        again if it was active.");
        HELP.put("get-errors", "get-errors NAME [-c key=value...]\n"
                + "        Prints the latest error of each of NAME's components that reported one, as JSON:\n"
                + "        {\"Topology Name\": NAME, \"Comp-Errors\": {COMPONENT: ERROR, ...}}.");
        HELP.put("monitor", "monitor NAME [-i SECS] [-m COMPONENT] [-s STREAM] [-w emitted|transferred] "
                + "[-c key=value...]\n"
                + "        Prints NAME's throughput every SECS seconds (default 4) until stopped: per component (or only\n"
                + "        COMPONENT), the tuples it emitted (or transferred) since the last line and thousands per\n"
                + "        second. Counts cover all of a component's streams: -s names its only one.");
        HELP.put("set_log_level", "set_log_level NAME [-l LOGGER=LEVEL[:SECS]...] [-r LOGGER...] [-c key=value...]\n"
                + "        Sets LOGGER (ROOT: the root logger) to LEVEL in NAME's workers, for SECS seconds or until\n"
                + "        reset; -r puts LOGGER back as it was. The workers apply it within a metrics report interval.");
        HELP.put("upload-credentials", "upload-credentials NAME [-f FILE] [-u USER] [KEY VALUE]... [-c key=value...]\n"
                + "        Gives NAME new credentials (a properties FILE and the KEY VALUE pairs), which its spouts and\n"
                + "        bolts that are ICredentialsListeners are told of; -u: only if NAME is USER's.");
        HELP.put("remoteconfvalue", "remoteconfvalue KEY [-c key=value...]\n"
                + "        Prints KEY: VALUE as the cluster's Nimbus has it (its squall.yaml, defaults and -c); a key\n"
                + "        no one set prints KEY: null. Nimbus does not serve keys naming a password, secret or token.");
        HELP.put("drpc-client", "drpc-client [-f FUNCTION] (FUNCTION ARGUMENT)... | ARGUMENT... [-c key=value...]\n"
                + "        Sends DRPC requests to a server of drpc.servers (drpc.http.port) and prints each as\n"
                + "        FUNCTION \"ARGUMENT\" => \"RESULT\"; with -f every argument goes to FUNCTION, else they\n"
                + "        come in pairs.");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long UI_UPDATE_MILLIS = 1000;

    private ClusterCommands() {
    }

    /** Runs a cluster command; returns the exit code. */
    static int run(String command, String[] rest, PrintStream out, PrintStream err) {
        CommandLine args = CommandLine.parse(rest, switch (command) {
            case "kill" -> CommandLine.Spec.of("-w");
            case "rebalance" -> CommandLine.Spec.of("-w", "-n", "-e");
            case "jar" -> new CommandLine.Spec(withArtifacts("--jars"), Set.of(), 2);
            case "drpc-client" -> CommandLine.Spec.of("-f");
            case "monitor" -> CommandLine.Spec.of("-i", "-m", "-s", "-w");
            case "set_log_level" -> CommandLine.Spec.of("-l", "-r");
            case "upload-credentials" -> CommandLine.Spec.of("-f", "-u");
            default -> CommandLine.Spec.of();
        });
        if (args.help()) {
            return Main.help(command, out);
        }
        DaemonConfig conf = Main.config(args.overrides(), err);
        try {
            return switch (command) {
                case "dev-zookeeper" -> daemon(args, () -> {
                    SecuritySettings s = SecuritySettings.of(conf);
                    s.checkBind("The development ZooKeeper", conf.getString(ConfigKeys.DEV_ZOOKEEPER_HOST),
                            s.secret() != null, "squall.cluster.secret.file");
                    DevZookeeper.run(conf);
                });
                case "nimbus" -> daemon(args, () -> {
                    Nimbus n = new Nimbus(conf);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(n)));
                    new CountDownLatch(1).await();
                });
                case "supervisor" -> daemon(args, () -> {
                    Supervisor s = new Supervisor(conf);
                    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
                    String why = s.unhealthy().get(); // Runs until stopped, or until its node is unhealthy.
                    s.close();
                    throw new SquallException("Supervisor " + s.id() + " stops: " + why
                            + ". Fix the node and start the supervisor again ('squall node-health-check' to check)");
                });
                case "ui" -> daemon(args, () -> {
                    SecuritySettings s = SecuritySettings.of(conf);
                    s.checkBind("The dashboard", conf.getString(ConfigKeys.UI_HOST), s.authenticates(),
                            "squall.auth.users.file and squall.cluster.secret.file");
                    // With authentication, every request carries the user's token and the dashboard asks Nimbus
                    // with it, so it shows and does what that user may.
                    DashboardServer d = new DashboardServer(new NimbusClusterView(NimbusClient.of(conf)),
                            DrpcServers.fromConfig(conf.asMap(), s), conf.getString(ConfigKeys.UI_HOST),
                            conf.getInt(ConfigKeys.UI_PORT), UI_UPDATE_MILLIS, s.authenticates(), s.tls(),
                            LogLinks.of(conf.getInt(ConfigKeys.LOGVIEWER_PORT), s.tls() != null));
                    Runtime.getRuntime().addShutdownHook(new Thread(d::close));
                    out.println("Dashboard: " + d.url() + " (cluster of " + conf.getStrings(ConfigKeys.NIMBUS_SEEDS)
                            + ")");
                    new CountDownLatch(1).await();
                });
                case "drpc" -> daemon(args, () -> {
                    // Refuses to serve a non-loopback address without authentication, unless insecure on purpose.
                    DrpcServer d = DrpcServer.start(conf.asMap());
                    DaemonMetrics metrics = DaemonMetrics.start(conf.asMap(), "drpc@"
                            + conf.asMap().getOrDefault(DrpcServer.HOST, DrpcServer.DEFAULT_HOST) + ":" + d.port());
                    // Storm's DRPC metrics, as counts since the server started.
                    metrics.gauge("drpc:num-execute-calls", () -> d.counts().get("requests"));
                    metrics.gauge("drpc:num-result-calls", () -> d.counts().get("completed"));
                    metrics.gauge("drpc:num-failRequest-calls", () -> d.counts().get("failed"));
                    metrics.gauge("drpc:num-server-timedout-requests", () -> d.counts().get("timedOut"));
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        d.close();
                        metrics.close();
                    }));
                    out.println("DRPC server on port " + d.port());
                    new CountDownLatch(1).await();
                });
                case "jar" -> jar(args, conf, err);
                case "drpc-client" -> drpcClient(args, conf, out, err);
                case "remoteconfvalue" -> remoteConfValue(args, NimbusClient.of(conf), out);
                default -> topologyCommand(command, args, NimbusClient.of(conf), out);
            };
        } catch (SquallException | IOException e) {
            err.println("squall " + command + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    /** Starts a daemon; it runs until the process is stopped. */
    private interface Daemon {
        void run() throws Exception;
    }

    private static int daemon(CommandLine args, Daemon d) {
        if (!args.positional().isEmpty()) {
            throw new Main.UsageException("takes no arguments but -c key=value, got " + args.positional());
        }
        try {
            d.run();
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        } catch (Exception e) {
            throw new SquallException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("Error while stopping: " + e);
        }
    }

    /** {@code options} and Storm's {@code --artifacts} options. */
    static Set<String> withArtifacts(String... options) {
        Set<String> all = new java.util.HashSet<>(Set.of(options));
        all.addAll(Artifacts.OPTIONS);
        return Set.copyOf(all);
    }

    private static int jar(CommandLine args, DaemonConfig conf, PrintStream err) throws IOException {
        if (args.positional().size() < 2) {
            throw new Main.UsageException("needs a topology JAR and the class whose main submits the topology");
        }
        File jar = new File(args.positional().get(0));
        if (!jar.isFile()) {
            throw new Main.UsageException("topology JAR '" + jar + "' does not exist or is not a file");
        }
        String className = args.positional().get(1);
        String[] userArgs = args.positional().subList(2, args.positional().size()).toArray(new String[0]);
        List<Path> dependencies = new ArrayList<>(DependencyJars.parse(args.option("--jars")));
        try {
            dependencies.addAll(Artifacts.resolve(args, err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILED;
        }
        Path upload = jar.toPath();
        if (!dependencies.isEmpty()) {
            upload = Files.createTempFile("squall-topology-", ".jar");
            int shadowed;
            try {
                shadowed = DependencyJars.merge(jar.toPath(), dependencies, upload);
            } catch (IOException e) {
                Files.deleteIfExists(upload);
                throw e;
            }
            if (shadowed > 0) {
                err.println("squall jar: " + shadowed + " entries of the --jars were also in an earlier JAR; the "
                        + "first of each is shipped, as on a classpath");
            }
        }
        try (URLClassLoader loader = new URLClassLoader(DependencyJars.classpath(jar.toPath(), dependencies),
                ClusterCommands.class.getClassLoader())) {
            Method main = Main.mainOf(loader, className, jar);
            Thread.currentThread().setContextClassLoader(loader);
            SquallSubmitter.setClusterOverride(new SquallSubmitter.Remote(conf, upload));
            SquallSubmitter.setCommandLineOverrides(args.overrides());
            // Storm programs read their -c options back with Utils.readCommandLineOpts().
            System.setProperty(Utils.COMMAND_LINE_OPTIONS_PROPERTY, String.join("\n", conf.overrides()));
            main.invoke(null, (Object) userArgs);
            return Main.OK;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("squall jar: " + className + ".main failed: " + cause.getMessage());
            return Main.FAILED;
        } catch (ReflectiveOperationException e) {
            err.println("squall jar: " + e);
            return Main.FAILED;
        } finally {
            SquallSubmitter.setClusterOverride(null);
            SquallSubmitter.setCommandLineOverrides(List.of());
            System.clearProperty(Utils.COMMAND_LINE_OPTIONS_PROPERTY);
            if (!upload.equals(jar.toPath())) {
                Files.deleteIfExists(upload);
            }
        }
    }

    /**
     * Storm's {@code upload-credentials NAME [-f FILE] [-u USER] [KEY VALUE]...}: the credentials of a properties
     * file and of the pairs given (a pair wins over the file), pushed to a running topology.
     */
    private static int uploadCredentials(CommandLine args, NimbusClient nimbus, PrintStream out) throws IOException {
        List<String> p = args.positional();
        if (p.isEmpty() || p.size() % 2 == 0) {
            throw new Main.UsageException("needs a topology name, then KEY VALUE pairs, got " + p);
        }
        Map<String, String> creds = new LinkedHashMap<>();
        String file = args.option("-f");
        if (file != null) {
            java.util.Properties props = new java.util.Properties();
            try (java.io.Reader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file))) {
                props.load(r);
            } catch (IOException e) {
                throw new Main.UsageException("-f " + file + " cannot be read as a properties file: " + e);
            }
            props.stringPropertyNames().forEach(k -> creds.put(k, props.getProperty(k)));
        }
        for (int i = 1; i < p.size(); i += 2) {
            creds.put(p.get(i), p.get(i + 1));
        }
        if (creds.isEmpty()) {
            throw new Main.UsageException("no credentials: give KEY VALUE pairs or -f FILE");
        }
        nimbus.uploadCredentials(p.get(0), creds, args.option("-u"));
        out.println("Uploaded credentials " + new java.util.TreeSet<>(creds.keySet()) + " to topology " + p.get(0));
        return Main.OK;
    }

    private static int topologyCommand(String command, CommandLine args, NimbusClient nimbus, PrintStream out)
            throws IOException {
        if (command.equals("list")) {
            if (!args.positional().isEmpty()) {
                throw new Main.UsageException("takes no arguments, got " + args.positional());
            }
            List<Map<String, Object>> topologies = nimbus.listTopologies();
            if (topologies.isEmpty()) {
                out.println("No topologies running.");
                return Main.OK;
            }
            // Storm's columns, in Storm's format, so that scripts written for `storm list` read it; then Squall's.
            String format = "%-20s %-10s %-10s %-12s %-12s %-20s %-20s %s%n";
            out.printf(format, "Topology_name", "Status", "Num_tasks", "Num_workers", "Uptime_secs", "Topology_Id",
                    "Owner", "Num_executors");
            out.println("-".repeat(88));
            List<String> fewer = new ArrayList<>();
            for (Map<String, Object> t : topologies) {
                int workers = ((List<?>) t.get("workers")).size();
                if (t.get("workersRequested") instanceof Number n && n.intValue() > workers) {
                    fewer.add(t.get("name") + " runs on " + workers + "/" + n + " workers");
                }
                out.printf(format, t.get("name"), t.get("status"), t.get("tasks"), workers, t.get("uptimeSecs"),
                        t.get("id"), t.get("owner") == null ? "-" : t.get("owner"), t.get("executors"));
            }
            for (String s : fewer) {
                out.println(s + ": it runs on fewer workers than it asked for (not enough free slots, or fewer "
                        + "executors than workers); Nimbus adds workers as slots free up.");
            }
            return Main.OK;
        }
        if (command.equals("upload-credentials")) {
            return uploadCredentials(args, nimbus, out);
        }
        if (args.positional().size() != 1) {
            throw new Main.UsageException("needs exactly one topology name, got " + args.positional());
        }
        String name = args.positional().get(0);
        switch (command) {
            case "kill" -> {
                Integer wait = args.option("-w") == null ? null : intOption(args, "-w", 0, 0);
                int applied = nimbus.killTopology(name, wait);
                out.println("Killed topology " + name + " (workers stop in " + applied + "s)");
            }
            case "activate" -> {
                nimbus.activate(name);
                out.println("Activated topology " + name);
            }
            case "deactivate" -> {
                nimbus.deactivate(name);
                out.println("Deactivated topology " + name);
            }
            case "monitor" -> {
                return monitor(name, args, nimbus, out);
            }
            case "set_log_level" -> {
                Map<String, String> set = new LinkedHashMap<>();
                for (String l : args.options().getOrDefault("-l", List.of())) {
                    int eq = l.indexOf('=');
                    if (eq <= 0) {
                        throw new Main.UsageException("-l needs LOGGER=LEVEL[:SECS], got '" + l + "'");
                    }
                    set.put(l.substring(0, eq), l.substring(eq + 1));
                }
                List<String> reset = args.options().getOrDefault("-r", List.of());
                if (set.isEmpty() && reset.isEmpty()) {
                    throw new Main.UsageException("give -l LOGGER=LEVEL[:SECS] or -r LOGGER");
                }
                Map<String, Object> now = nimbus.setLogLevels(name, set, reset);
                out.println(now.isEmpty() ? "No log levels set on " + name : "Log levels of " + name + ": " + now);
            }
            case "get-errors" -> out.println(JSON.writeValueAsString(latestErrors(name, nimbus.getTopology(name))));
            case "rebalance" -> {
                int workers = intOption(args, "-n", 0, 1);
                Map<String, Integer> executors = new LinkedHashMap<>();
                for (String e : args.options().getOrDefault("-e", List.of())) {
                    int eq = e.indexOf('=');
                    if (eq <= 0) {
                        throw new Main.UsageException("-e needs COMPONENT=EXECUTORS, got '" + e + "'");
                    }
                    executors.put(e.substring(0, eq), parseInt("-e " + e.substring(0, eq), e.substring(eq + 1), 1));
                }
                Integer wait = args.option("-w") == null ? null : intOption(args, "-w", 0, 0);
                out.println(ClusterView.Placement.of(nimbus.rebalance(name, workers, executors, wait)).describe(name));
            }
            default -> throw new IllegalStateException("not a topology command: " + command);
        }
        return Main.OK;
    }

    /**
     * Storm's monitor: every interval, per component, what it emitted (or transferred) since the last poll, from
     * Nimbus's all-time totals. Runs until the process is stopped, or the topology is gone.
     */
    private static int monitor(String name, CommandLine args, NimbusClient nimbus, PrintStream out)
            throws IOException {
        int intervalSecs = intOption(args, "-i", 4, 1);
        String only = args.option("-m");
        String watch = args.option("-w") == null ? "emitted" : args.option("-w");
        if (!watch.equals("emitted") && !watch.equals("transferred")) {
            throw new Main.UsageException("-w takes emitted or transferred, got '" + watch + "'");
        }
        String stream = args.option("-s") == null ? "default" : args.option("-s");
        List<String> components = new ArrayList<>();
        for (Map<String, Object> c : nimbus.getComponents(name)) {
            String id = String.valueOf(c.get("id"));
            if (id.startsWith("__") || only != null && !only.equals(id)) {
                continue;
            }
            List<?> streams = c.get("streams") instanceof List<?> l ? l : List.of();
            if (args.option("-s") != null && !streams.contains(stream)) {
                continue; // Emits nothing on that stream.
            }
            if (args.option("-s") != null && streams.size() > 1) {
                throw new Main.UsageException("component '" + id + "' declares streams " + streams + ", and its "
                        + "counts cover all of them: -s can only name a component's single stream; leave it out, or "
                        + "pick the component with -m");
            }
            components.add(id);
        }
        if (components.isEmpty()) {
            throw new Main.UsageException("topology " + name + " has no component " + (only == null ? "" : "'" + only
                    + "' ") + (args.option("-s") == null ? "to monitor" : "that emits on stream '" + stream + "'"));
        }
        out.println("topology\tcomponent\tparallelism\tstream\ttime-diff ms\t" + watch + "\tthroughput (Kt/s)");
        Map<String, Long> last = new HashMap<>();
        long lastMs = 0;
        while (true) {
            TopologyMetrics m = MetricsClient.topologyMetrics(nimbus, name, "all");
            long now = System.currentTimeMillis();
            if (m != null) {
                for (TopologyMetrics.ComponentMetrics c : concat(m.spouts(), m.bolts())) {
                    if (!components.contains(c.id())) {
                        continue;
                    }
                    long count = watch.equals("emitted") ? c.emitted() : c.transferred();
                    Long before = last.put(c.id(), count);
                    if (before != null) {
                        long diffMs = Math.max(1, now - lastMs);
                        out.printf("%s\t%s\t%d\t%s\t%d\t%d\t%.3f%n", name, c.id(), c.executors(),
                                args.option("-s") == null ? "all" : stream, diffMs, count - before,
                                (double) (count - before) / diffMs);
                    }
                }
                out.flush();
                lastMs = now;
            }
            try {
                TimeUnit.SECONDS.sleep(intervalSecs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Main.OK;
            }
        }
    }

    private static List<TopologyMetrics.ComponentMetrics> concat(List<TopologyMetrics.ComponentMetrics> a,
                                                                 List<TopologyMetrics.ComponentMetrics> b) {
        List<TopologyMetrics.ComponentMetrics> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Storm's get-errors answer: the latest error message of each component that has errors. */
    static Map<String, Object> latestErrors(String name, Map<String, Object> topology) {
        Map<String, String> latest = new TreeMap<>();
        if (topology.get("errors") instanceof Map<?, ?> byComponent) {
            byComponent.forEach((component, errors) -> {
                Map<?, ?> newest = null;
                if (errors instanceof List<?> list) {
                    for (Object e : list) {
                        if (e instanceof Map<?, ?> m && (newest == null || time(m) >= time(newest))) {
                            newest = m;
                        }
                    }
                }
                if (newest != null) {
                    latest.put(String.valueOf(component), String.valueOf(newest.get("message")));
                }
            });
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Topology Name", name);
        answer.put("Comp-Errors", latest);
        return answer;
    }

    private static long time(Map<?, ?> error) {
        return error.get("timeMs") instanceof Number n ? n.longValue() : 0;
    }

    /**
     * Storm's remoteconfvalue, asked of Nimbus: {@code KEY: VALUE}, {@code KEY: null} for a Squall key Nimbus has no
     * value for; a key Nimbus withholds as a secret, or one that is neither in Nimbus's configuration nor a Squall key,
     * is an error.
     */
    private static int remoteConfValue(CommandLine args, NimbusClient nimbus, PrintStream out) throws IOException {
        if (args.positional().size() != 1) {
            throw new Main.UsageException("needs exactly one KEY, got " + args.positional());
        }
        String key = args.positional().get(0);
        Map<String, Object> answer = nimbus.getNimbusConf();
        Map<?, ?> conf = answer.get("conf") instanceof Map<?, ?> c ? c : Map.of();
        List<?> withheld = answer.get("withheld") instanceof List<?> w ? w : List.of();
        out.println(remoteValueLine(key, conf, withheld));
        return Main.OK;
    }

    /**
     * The line remoteconfvalue prints for {@code key} of Nimbus's served configuration.
     *
     * @throws SquallException for a withheld key, or a key that is neither served nor a Squall key
     */
    static String remoteValueLine(String key, Map<?, ?> conf, List<?> withheld) {
        if (withheld.contains(key) || Nimbus.namesSecret(key)) {
            throw new SquallException("Nimbus does not serve '" + key + "': its name says it is a secret "
                    + "(password, secret, token); read it on the Nimbus machine");
        }
        if (!conf.containsKey(key) && ConfigKeys.get(key) == null) {
            String near = ConfigKeys.closest(key);
            throw new SquallException("'" + key + "' is not in Nimbus's configuration nor a Squall config key"
                    + (near != null ? " (did you mean '" + near + "'?)" : ""));
        }
        return key + ": " + conf.get(key);
    }

    /** Storm's drpc-client: each request on its own line, {@code FUNCTION "ARGUMENT" => "RESULT"}. */
    private static int drpcClient(CommandLine args, DaemonConfig conf, PrintStream out, PrintStream err) {
        String function = args.option("-f");
        List<String> rest = args.positional();
        if (rest.isEmpty() || function == null && rest.size() % 2 != 0) {
            throw new Main.UsageException(function == null ? "without -f FUNCTION the arguments come in pairs "
                    + "FUNCTION ARGUMENT, got " + rest.size() + " " + rest : "needs at least one ARGUMENT for " + function);
        }
        DRPCClient client;
        try {
            client = DRPCClient.getConfiguredClient(conf.asMap());
        } catch (IllegalArgumentException e) {
            err.println("squall drpc-client: " + e.getMessage());
            return Main.FAILED;
        }
        try (client) {
            for (int i = 0; i < rest.size(); i += function == null ? 2 : 1) {
                String f = function == null ? rest.get(i) : function;
                String a = function == null ? rest.get(i + 1) : rest.get(i);
                try {
                    out.printf("%s \"%s\" => \"%s\"%n", f, a, client.execute(f, a));
                } catch (DRPCExecutionException | AuthorizationException e) {
                    err.println("squall drpc-client: " + f + " \"" + a + "\" failed: " + e.getMessage());
                    return Main.FAILED;
                }
            }
        }
        return Main.OK;
    }

    private static int intOption(CommandLine args, String option, int dflt, int min) {
        String v = args.option(option);
        return v == null ? dflt : parseInt(option, v, min);
    }

    static int parseInt(String what, String v, int min) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Main.UsageException(what + " needs a whole number, got '" + v + "'");
        }
        if (n < min) {
            throw new Main.UsageException(what + " must be at least " + min + ", got " + n);
        }
        return n;
    }
}
