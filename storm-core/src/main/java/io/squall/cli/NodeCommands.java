package io.squall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.squall.cluster.ClusterState;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.daemon.supervisor.HealthCheck;
import io.squall.daemon.supervisor.WorkerCommandLine;
import io.squall.errors.SquallException;
import org.apache.zookeeper.KeeperException;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The commands about this machine and its daemons' local state: {@code classpath}, {@code server_classpath},
 * {@code kill_workers}, {@code node-health-check} and {@code heartbeats}. Exit codes as in {@link Main}.
 */
final class NodeCommands {
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("classpath", "classpath\n"
                + "        Prints the class path bin/squall runs commands and topologies' main (jar, local) with.");
        HELP.put("server_classpath", "server_classpath\n"
                + "        Prints the class path of the daemons, which a supervisor gives its workers too.");
        HELP.put("kill_workers", "kill_workers [-c key=value...]\n"
                + "        Kills the workers of the supervisor on this machine (the one of storm.local.dir and\n"
                + "        supervisor.slots.ports); the supervisor starts them again as assigned.");
        HELP.put("heartbeats", "heartbeats list|get PATH [-c key=value...]\n"
                + "        list: the heartbeat nodes under PATH, one a line; get: the heartbeat at PATH, as JSON.\n"
                + "        PATH is /workerbeats (the topologies with workers) or under it:\n"
                + "        /workerbeats/TOPOLOGY_ID, /workerbeats/TOPOLOGY_ID/SUPERVISOR_ID-PORT (in storm.zookeeper.root).");
        HELP.put("node-health-check", "node-health-check [-c key=value...]\n"
                + "        Runs each executable in storm.health.check.dir (each for at most\n"
                + "        storm.health.check.timeout.ms) and says whether this node is healthy: exit 0 if so, else 1.");
    }

    /** The heartbeat subtree, under storm.zookeeper.root, as in Storm. */
    static final String BEATS = "/workerbeats";
    /** How long a worker asked to stop has before it is killed (Storm's supervisor.worker.shutdown.sleep.secs). */
    private static final long STOP_GRACE_MS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NodeCommands() {
    }

    /** Runs a node command; returns the exit code. */
    static int run(String command, String[] rest, PrintStream out, PrintStream err) {
        CommandLine args = CommandLine.parse(rest, CommandLine.Spec.of());
        if (args.help()) {
            return Main.help(command, out);
        }
        try {
            return switch (command) {
                case "classpath", "server_classpath" -> {
                    noArguments(args);
                    out.println(classpath(System.getProperty("java.class.path", "")));
                    yield Main.OK;
                }
                case "kill_workers" -> {
                    noArguments(args);
                    yield killWorkers(Main.config(args.overrides(), err), out, err);
                }
                case "node-health-check" -> {
                    noArguments(args);
                    yield healthCheck(Main.config(args.overrides(), err), out);
                }
                case "heartbeats" -> heartbeats(args, Main.config(args.overrides(), err), out);
                default -> throw new IllegalStateException("not a node command: " + command);
            };
        } catch (SquallException | IOException e) {
            err.println("squall " + command + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    private static void noArguments(CommandLine args) {
        if (!args.positional().isEmpty()) {
            throw new Main.UsageException("takes no arguments, got " + args.positional());
        }
    }

    /**
     * A class path with every entry absolute, as a supervisor hands it to its workers. The java launcher has already
     * expanded bin/squall's {@code lib/*} into the JARs.
     */
    static String classpath(String javaClassPath) {
        return Arrays.stream(javaClassPath.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    // --- kill_workers ---

    /** A worker process of a supervisor, as its command line says. */
    record LocalWorker(long pid, int port, String topologyId) { }

    /**
     * The supervisor's directory of a configuration, where it keeps its id: {@code storm.local.dir/supervisor-<first
     * port>}.
     */
    static Path supervisorDir(DaemonConfig conf) {
        List<Integer> ports = conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS);
        if (ports.isEmpty()) {
            throw new Main.UsageException("supervisor.slots.ports is empty: give the supervisor's ports "
                    + "(-c supervisor.slots.ports=[6700,6701])");
        }
        return Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "supervisor-" + ports.get(0));
    }

    /** The id of the supervisor whose directory is {@code dir}. */
    static String supervisorId(Path dir, DaemonConfig conf) throws IOException {
        Path file = dir.resolve("supervisor.id");
        if (!Files.isRegularFile(file)) {
            throw new SquallException("no supervisor state on this machine: " + file.toAbsolutePath() + " does not "
                    + "exist. Run kill_workers with the supervisor's storm.local.dir and supervisor.slots.ports "
                    + "(now " + conf.getString(ConfigKeys.STORM_LOCAL_DIR) + " and "
                    + conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS) + "), e.g. -c supervisor.slots.ports=[...]");
        }
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new SquallException(file.toAbsolutePath() + " does not hold a supervisor id");
        }
        return id;
    }

    /**
     * The worker processes of supervisor {@code supervisorId} on this machine, from their command lines
     * ({@code WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID ...}): the processes the supervisor launched, and those a
     * previous run of it launched and it adopted.
     */
    static List<LocalWorker> workersOf(String supervisorId) {
        List<LocalWorker> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> parseWorker(p.pid(), WorkerCommandLine.of(p), supervisorId)
                .ifPresent(found::add));
        found.sort(Comparator.comparingInt(LocalWorker::port));
        return found;
    }

    /** The worker a command line starts for {@code supervisorId}, if it is one. */
    static Optional<LocalWorker> parseWorker(long pid, List<String> commandLine, String supervisorId) {
        int main = commandLine.indexOf(WorkerCommandLine.WORKER_MAIN);
        if (main < 0 || commandLine.size() < main + 4 || !commandLine.get(main + 1).equals(supervisorId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LocalWorker(pid, Integer.parseInt(commandLine.get(main + 2)),
                    commandLine.get(main + 3)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Storm's kill_workers: stops every worker of this machine's supervisor, which then starts them again. */
    private static int killWorkers(DaemonConfig conf, PrintStream out, PrintStream err) throws IOException {
        String id = supervisorId(supervisorDir(conf), conf);
        List<LocalWorker> workers = workersOf(id);
        if (workers.isEmpty()) {
            out.println("No worker of supervisor " + id + " runs on this machine.");
            return Main.OK;
        }
        // All asked at once, as Storm's supervisor does, then each killed if it has not stopped within the grace.
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        List<LocalWorker> asked = new ArrayList<>();
        for (LocalWorker w : workers) {
            Optional<ProcessHandle> h = ProcessHandle.of(w.pid());
            if (h.isEmpty()) {
                continue; // Gone meanwhile.
            }
            if (!h.get().destroy()) {
                err.println("squall kill_workers: cannot stop worker " + w.topologyId() + " on port " + w.port()
                        + " (pid " + w.pid() + "): not permitted; run kill_workers as the user the supervisor runs as");
                return Main.FAILED;
            }
            exits.add(h.get().onExit());
            asked.add(w);
        }
        int code = Main.OK;
        for (int i = 0; i < asked.size(); i++) {
            LocalWorker w = asked.get(i);
            String how = "stopped";
            try {
                exits.get(i).get(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Main.FAILED;
            } catch (Exception e) {
                ProcessHandle.of(w.pid()).ifPresent(ProcessHandle::destroyForcibly);
                how = "killed (it did not stop within " + STOP_GRACE_MS + " ms)";
                try {
                    exits.get(i).get(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return Main.FAILED;
                } catch (Exception x) {
                    err.println("squall kill_workers: worker " + w.topologyId() + " on port " + w.port() + " (pid "
                            + w.pid() + ") is still running after a kill");
                    code = Main.FAILED;
                    continue;
                }
            }
            out.println("Worker " + w.topologyId() + " on port " + w.port() + " (pid " + w.pid() + ") " + how);
        }
        out.println("The supervisor " + id + " starts its assigned workers again in its next round.");
        return code;
    }

    // --- node-health-check ---

    private static int healthCheck(DaemonConfig conf, PrintStream out) throws IOException {
        HealthCheck.Report report = HealthCheck.run(conf);
        if (!report.found()) {
            out.println("No health check script in " + report.dir().toAbsolutePath() + " (storm.health.check.dir"
                    + (Files.isDirectory(report.dir()) ? ": no executable file" : ": no such directory") + "): healthy");
            return Main.OK;
        }
        report.runs().forEach(r -> out.println(r.describe()));
        out.println(report.healthy() ? "The node is healthy." : "The node is unhealthy.");
        return report.healthy() ? Main.OK : Main.FAILED;
    }

    // --- heartbeats ---

    /**
     * Checks a heartbeats PATH: {@code /workerbeats} or under it, without empty or relative parts; returns it
     * without a trailing slash.
     */
    static String beatsPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!(p.equals(BEATS) || p.startsWith(BEATS + "/")) || p.contains("//") || Arrays.asList(p.split("/"))
                .stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw new Main.UsageException("PATH must be " + BEATS + " or a path under it (" + BEATS
                    + "/TOPOLOGY_ID/SUPERVISOR_ID-PORT), got '" + path + "'");
        }
        return p;
    }

    /**
     * A heartbeat as the command prints it: where it is from (topology, supervisor, port, from the path), then what
     * the worker wrote, with its time also in ISO-8601.
     */
    static Map<String, Object> describeBeat(String path, Map<String, Object> beat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        String[] parts = path.split("/");
        if (parts.length == 4) {
            m.put("topologyId", parts[2]);
            int dash = parts[3].lastIndexOf('-');
            if (dash > 0) {
                m.put("supervisorId", parts[3].substring(0, dash));
                m.put("port", parseIntOrText(parts[3].substring(dash + 1)));
            }
        }
        m.putAll(beat);
        if (beat.get("timeMs") instanceof Number t) {
            m.put("time", Instant.ofEpochMilli(t.longValue()).toString());
        }
        return m;
    }

    private static Object parseIntOrText(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /**
     * Turns off the ZooKeeper client's and Curator's logging in this command's JVM: they log each failed connection
     * attempt with a stack trace, and the command says in one line what went wrong.
     */
    private static void quietZookeeperClient() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger("org.apache.zookeeper").setLevel(ch.qos.logback.classic.Level.OFF);
            logback.getLogger("org.apache.curator").setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    @SuppressWarnings("unchecked")
    private static int heartbeats(CommandLine args, DaemonConfig conf, PrintStream out) throws IOException {
        List<String> pos = args.positional();
        if (pos.size() != 2 || !Set.of("list", "get").contains(pos.get(0))) {
            throw new Main.UsageException("needs list PATH or get PATH, got " + pos);
        }
        String path = beatsPath(pos.get(1));
        quietZookeeperClient();
        try (ClusterState state = ClusterState.connect(conf)) {
            String full = state.path(path);
            try {
                if (pos.get(0).equals("list")) {
                    if (path.equals(BEATS) && state.curator().checkExists().forPath(full) == null) {
                        return Main.OK; // No worker has beaten yet.
                    }
                    List<String> children = new ArrayList<>(state.curator().getChildren().forPath(full));
                    children.sort(null);
                    children.forEach(out::println);
                    return Main.OK;
                }
                byte[] data = state.curator().getData().forPath(full);
                if (data == null || data.length == 0) {
                    throw new SquallException(path + " holds no heartbeat; 'heartbeats list " + path
                            + "' lists the nodes under it");
                }
                Map<String, Object> beat;
                try {
                    beat = new ObjectMapper().readValue(data, Map.class);
                } catch (JsonProcessingException e) {
                    throw new SquallException(full + " in ZooKeeper does not hold a JSON heartbeat: "
                            + e.getOriginalMessage());
                }
                out.println(JSON.writeValueAsString(describeBeat(path, beat)));
                return Main.OK;
            } catch (KeeperException.NoNodeException e) {
                throw new SquallException("no heartbeat node " + path + " in ZooKeeper (under "
                        + conf.getString(ConfigKeys.STORM_ZOOKEEPER_ROOT) + "); 'heartbeats list " + BEATS
                        + "' lists the topologies with heartbeats");
            } catch (SquallException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw new SquallException("cannot read " + full + " from ZooKeeper: " + e);
            }
        }
    }
}
