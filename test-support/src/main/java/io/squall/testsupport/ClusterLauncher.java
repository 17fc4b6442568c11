package io.squall.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Squall cluster of processes on loopback for integration tests: a development ZooKeeper, Nimbus daemons and
 * supervisors, each started through {@code io.squall.cli.Main} as {@code bin/squall} would, with one shared set
 * of {@code -c key=value} settings (free ports, short timeouts, a temporary directory under {@code target/}).
 * {@link #close} kills every daemon and every worker the cluster's supervisors started, even workers orphaned
 * by a killed supervisor, and deletes the directory; in a test class extended with {@link ClusterEvidence}, the
 * directory is deleted only if the test passes, and kept (its logs included) for a failed one.
 *
 * <p>Worker processes are found by their command line (the worker main class and this cluster's directory),
 * so they are found across supervisor restarts. Not thread-safe: one test thread drives it.
 */
public final class ClusterLauncher implements AutoCloseable {
    private static final String WORKER_MAIN = "io.squall.daemon.worker.WorkerMain";

    private final Path base;
    private final String classpath;
    private final int zookeeperPort;
    private final List<String> conf = new ArrayList<>();
    private final List<Daemon> daemons = new ArrayList<>();
    private final List<String> jvmOptions = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** Whether a {@link ClusterEvidence} scope decides what becomes of the directory, rather than {@link #close}. */
    private boolean adopted;

    private ClusterLauncher(Path base, String classpath) {
        this.base = base;
        this.classpath = classpath;
        this.zookeeperPort = freePort();
        conf.addAll(List.of(
                "storm.zookeeper.port=" + zookeeperPort,
                "storm.zookeeper.session.timeout=4000",
                "storm.zookeeper.connection.timeout=20000",
                "storm.local.dir=" + base.resolve("local"),
                "dev.zookeeper.path=" + base.resolve("zookeeper"),
                "squall.logs.dir=" + base.resolve("logs"),
                "nimbus.host=127.0.0.1",
                "nimbus.monitor.freq.ms=500",
                "supervisor.host=127.0.0.1",
                "supervisor.monitor.freq.ms=500",
                "supervisor.worker.timeout.secs=10",
                "supervisor.worker.start.timeout.secs=90",
                "worker.heartbeat.frequency.ms=500",
                "worker.heap.memory.mb=192",
                "worker.childopts=-XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                "messaging.reconnect.max.ms=300"));
    }

    /**
     * A cluster in a new directory {@code target/<name>-*}, whose daemons run on the test's class path without
     * its test classes (a topology's classes then come only from its JAR, as on a real cluster).
     */
    public static ClusterLauncher create(String name) {
        try {
            Files.createDirectories(Path.of("target"));
            Path base = Files.createTempDirectory(Path.of("target"), name).toAbsolutePath();
            ClusterLauncher cluster = new ClusterLauncher(base, daemonClasspath());
            cluster.adopted = ClusterEvidence.adopt(cluster);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the cluster's directory under target/", e);
        }
    }

    /** Adds or overrides a setting ({@code key=value}) of the daemons started from now on and of the CLI. */
    public ClusterLauncher conf(String keyValue) {
        String key = keyValue.substring(0, keyValue.indexOf('=') + 1);
        conf.removeIf(c -> c.startsWith(key));
        conf.add(keyValue);
        return this;
    }

    /** The settings every daemon gets, as {@code key=value}. */
    public List<String> conf() {
        return List.copyOf(conf);
    }

    /** The cluster's directory. */
    public Path base() {
        return base;
    }

    /** The ZooKeeper port. */
    public int zookeeperPort() {
        return zookeeperPort;
    }

    /** Starts the development ZooKeeper. */
    public Daemon startZookeeper() {
        return startDaemon("zookeeper", "dev-zookeeper");
    }

    /** Starts a Nimbus on {@code port}. */
    public Daemon startNimbus(String name, int port) {
        return startDaemon(name, "nimbus", "-c", "nimbus.port=" + port);
    }

    /** Starts a supervisor with the given worker ports. */
    public Daemon startSupervisor(String name, int... ports) {
        return startDaemon(name, "supervisor", "-c", "supervisor.slots.ports=" + Arrays.toString(ports));
    }

    private Daemon startDaemon(String name, String... args) {
        return startDaemon(name, List.of(), List.of(), args);
    }

    /**
     * Starts a {@code bin/squall} daemon under a command prefix (such as {@code ip netns exec HOST}) with
     * settings of its own on top of the cluster's.
     */
    public Daemon startDaemon(String name, List<String> prefix, List<String> ownConf, String... args) {
        return track(new Daemon(this, name, logName -> {
            // The daemon's own settings come last, so they win over the cluster's.
            List<String> all = withConf(Arrays.asList(args));
            for (String c : ownConf) {
                all.add("-c");
                all.add(c);
            }
            return launch(prefix, logName, classpath, "io.squall.cli.Main", all);
        }));
    }

    /** Starts any Java main class of the test class path (test classes included) as a daemon, under a prefix. */
    public Daemon startJava(String name, List<String> prefix, String mainClass, String... args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return track(new Daemon(this, name, logName -> launch(prefix, logName, cp, mainClass, Arrays.asList(args))));
    }

    private Daemon track(Daemon d) {
        d.start();
        daemons.add(d);
        return d;
    }

    /** Runs a {@code bin/squall} command; its output goes to the log {@code name}. */
    public Process cli(String name, String... args) {
        return launch(List.of(), name, classpath, "io.squall.cli.Main", withConf(Arrays.asList(args)));
    }

    /** Runs a {@code bin/squall} command under a prefix (such as {@code ip netns exec HOST}). */
    public Process cliIn(List<String> prefix, String name, String... args) {
        return launch(prefix, name, classpath, "io.squall.cli.Main", withConf(Arrays.asList(args)));
    }

    private List<String> withConf(List<String> args) {
        List<String> all = new ArrayList<>(args);
        for (String c : conf) {
            all.add("-c");
            all.add(c);
        }
        return all;
    }

    private Process launch(List<String> prefix, String logName, String cp, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlogback.configurationFile=" + logbackConfig());
        cmd.addAll(List.of("-cp", cp, mainClass));
        cmd.addAll(args);
        try {
            Files.createDirectories(base.resolve("daemons"));
            return new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(base.resolve("daemons").resolve(logName + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + logName, e);
        }
    }

    /** The repository's logging configuration, found from the module directory the test runs in. */
    private static Path logbackConfig() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("conf").resolve("logback.xml");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("No conf/logback.xml above " + Path.of("").toAbsolutePath());
    }

    /** What a daemon or command logged, by its log name. */
    public String log(String name) {
        try {
            return Files.readString(base.resolve("daemons").resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every worker logged so far. */
    public String workerLogs() {
        StringBuilder all = new StringBuilder();
        Path logs = base.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("worker-")).toList()) {
                all.append(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    /**
     * How many bytes every daemon and worker has logged so far: the sizes of their log files, cheap to poll, to tell
     * whether the cluster is still doing something.
     */
    public long logBytes() {
        long bytes = 0;
        for (Path dir : List.of(base.resolve("daemons"), base.resolve("logs"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    try {
                        bytes += Files.size(f);
                    } catch (NoSuchFileException e) {
                        // Rolled over or deleted meanwhile.
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    /**
     * What the workers are doing now, for a test's failure message when a wait stalls: for each live worker, the
     * state and innermost frames of its threads whose names start with one of {@code threadPrefixes} (from a
     * {@code jcmd Thread.print}, whose whole dump is kept in {@code dumps/threads-PID.txt} of the cluster's
     * directory), and from the workers' logs the last WARN and ERROR lines and the last lines holding
     * {@code logMarker} (if not null).
     */
    public String diagnosis(List<String> threadPrefixes, String logMarker) {
        StringBuilder out = new StringBuilder();
        for (long pid : workerPids()) {
            out.append("\n-- worker ").append(pid).append(':');
            String dump = threadDump(pid);
            for (String block : dump.split("\n\\s*\n")) {
                String first = block.strip();
                if (!first.startsWith("\"")) {
                    continue;
                }
                String thread = first.substring(1, first.indexOf('"', 1));
                if (threadPrefixes.stream().noneMatch(thread::startsWith)) {
                    continue;
                }
                out.append("\n   ").append(thread).append(": ");
                List<String> frames = block.lines().map(String::strip).toList();
                frames.stream().filter(l -> l.startsWith("java.lang.Thread.State:")).findFirst()
                        .ifPresent(l -> out.append(l.substring("java.lang.Thread.State:".length()).strip()));
                List<String> at = frames.stream().filter(l -> l.startsWith("at ")).toList();
                if (!at.isEmpty()) {
                    out.append(" ").append(at.get(0));
                }
                at.stream().filter(l -> l.startsWith("at io.squall.")).limit(3)
                        .forEach(l -> out.append("\n      ").append(l));
            }
        }
        List<String> lines = workerLogs().lines().toList();
        out.append("\n-- the workers' last warnings and errors:");
        lastLines(lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList(), out);
        if (logMarker != null) {
            out.append("\n-- the workers' last lines with '").append(logMarker).append("':");
            lastLines(lines.stream().filter(l -> l.contains(logMarker)).toList(), out);
        }
        return out.toString();
    }

    private static void lastLines(List<String> lines, StringBuilder out) {
        lines.subList(Math.max(0, lines.size() - 8), lines.size()).forEach(l -> out.append("\n   ").append(l));
    }

    /**
     * A worker's thread dump by {@code jcmd}, kept in {@code dumps/}; empty if it could not be taken. Only a JVM is
     * asked: {@code jcmd} signals its target with SIGQUIT, which ends a process that is not one (a shell).
     */
    private String threadDump(long pid) {
        boolean isJava = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false);
        if (!isJava) {
            return "";
        }
        try {
            Path dir = Files.createDirectories(base.resolve("dumps"));
            Path file = dir.resolve("threads-" + pid + ".txt");
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Every live worker process of this cluster, whichever supervisor run started it. */
    public Set<Long> workerPids() {
        String marker = base.toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> {
                    String c = commandLine(p);
                    return c.contains(WORKER_MAIN) && c.contains(marker);
                })
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * The live worker processes of one topology (its id, which the worker's command line carries, is the
     * topology's name followed by {@code -} and a number).
     */
    public Set<Long> workerPids(String topologyName) {
        return workerPids().stream()
                .filter(pid -> ProcessHandle.of(pid).map(p -> commandLine(p).contains(" " + topologyName + "-"))
                        .orElse(false))
                .collect(Collectors.toSet());
    }

    /**
     * A process's whole command line. {@code ProcessHandle.Info} may cut long ones (a class path of many JARs),
     * so on Linux it is read from {@code /proc}.
     */
    static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            return ""; // It ended meanwhile.
        }
        return p.info().commandLine().orElse("");
    }

    /** Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}) to a process. */
    public static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + pid, e);
        }
    }

    /** A free TCP port on this machine. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test class path without test classes (of this module or another's test JAR), so the topology's classes
     * come only from its JAR.
     */
    private static String daemonClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Kills every daemon (frozen ones too) and worker, then deletes the cluster's directory (unless
     * {@link ClusterEvidence} decides that after the test). It runs to the end on an interrupted thread too (a test
     * that hit its timeout), and keeps the interrupt.
     */
    @Override
    public void close() {
        killAll();
        if (!adopted) {
            deleteFiles();
        }
    }

    /** Kills every daemon and worker of the cluster; again after a first time, it finds nothing left to kill. */
    void killAll() {
        // Waiting for kill(1) would fail at once on an interrupted thread and leave the daemons running.
        boolean interrupted = Thread.interrupted();
        try {
            killProcesses();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void killProcesses() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i).process();
            if (p.isAlive()) {
                signal("CONT", p.pid());
                daemons.get(i).kill9WithChildren();
            }
        }
        for (long pid : workerPids()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
        }
    }

    /** Deletes the cluster's directory. */
    void deleteFiles() {
        if (!Files.exists(base)) {
            return;
        }
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + base, e);
        }
    }
}
