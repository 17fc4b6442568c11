package io.squall.daemon.supervisor;

import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.multilang.TopologyResources;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon of one machine: registers its worker ports in ZooKeeper, and every
 * {@code supervisor.monitor.freq.ms} makes its worker JVMs match the assignments: downloads the code of
 * newly assigned topologies from Nimbus, launches a worker per assigned port, restarts workers that died or
 * stopped heartbeating, and stops workers whose assignment changed or went away. Each worker logs to its own
 * file under {@code squall.logs.dir}. All worker state is owned by the single sync thread.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final String[] CODE_PARTS = {"jar", "topology", "conf"};
    private static final String[] CODE_FILES = {"topology.jar", "topology.ser", "conf.json"};

    private final DaemonConfig conf;
    private final String id;
    private final String host;
    private final List<Integer> ports;
    private final ClusterState state;
    private final NimbusClient nimbus;
    private final Path codeRoot;
    private final Path logsDir;
    private final long workerTimeoutMs;
    private final long startTimeoutMs;
    private final Map<Integer, WorkerProcess> workers = new HashMap<>();
    /** The last heartbeat seen from the worker now on each port. */
    private final Map<Integer, Long> lastBeatMs = new HashMap<>();
    private final ScheduledExecutorService sync;

    /** Registers with ZooKeeper and starts syncing workers. */
    public Supervisor(DaemonConfig conf) throws IOException {
        this.conf = conf;
        this.id = UUID.randomUUID().toString();
        this.host = conf.getString(ConfigKeys.SUPERVISOR_HOST);
        this.ports = conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS);
        this.workerTimeoutMs = conf.getInt(ConfigKeys.SUPERVISOR_WORKER_TIMEOUT_SECS) * 1000L;
        this.startTimeoutMs = conf.getInt(ConfigKeys.SUPERVISOR_WORKER_START_TIMEOUT_SECS) * 1000L;
        this.codeRoot = Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "supervisor-" + id, "stormdist");
        this.logsDir = Path.of(conf.getString(ConfigKeys.WORKER_LOGS_DIR));
        Files.createDirectories(codeRoot);
        Files.createDirectories(logsDir);
        this.nimbus = NimbusClient.of(conf);
        this.state = ClusterState.connect(conf);
        state.registerSupervisor(new SupervisorInfo(id, host, ports, System.currentTimeMillis()));
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-sync");
            t.setDaemon(true);
            return t;
        });
        long every = conf.getInt(ConfigKeys.SUPERVISOR_MONITOR_FREQ_MS);
        sync.scheduleWithFixedDelay(this::syncSafely, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("Supervisor {} on {} with ports {}; worker logs in {}", id, host, ports, logsDir.toAbsolutePath());
    }

    /** The supervisor's id in ZooKeeper. */
    public String id() {
        return id;
    }

    private void syncSafely() {
        try {
            syncWorkers();
        } catch (Throwable t) {
            LOG.error("Supervisor sync round failed; retrying next round", t);
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    private void syncWorkers() {
        Map<Integer, Assignment> wanted = new HashMap<>();
        for (Assignment a : state.assignments()) {
            for (WorkerSlot w : a.workers()) {
                if (w.supervisorId().equals(id)) {
                    wanted.put(w.port(), a);
                }
            }
        }
        long now = System.currentTimeMillis();
        for (int port : ports) {
            Assignment a = wanted.get(port);
            WorkerProcess running = workers.get(port);
            if (running != null) {
                String problem = problem(running, a, now);
                if (problem != null) {
                    LOG.info("Stopping worker {} on port {}: {}", running.topologyId(), port, problem);
                    running.stop();
                    workers.remove(port);
                    lastBeatMs.remove(port);
                    running = null;
                }
            }
            if (running == null && a != null) {
                launch(a, port);
            }
        }
        Set<String> keep = new HashSet<>();
        wanted.values().forEach(a -> keep.add(a.topologyId()));
        workers.values().forEach(w -> keep.add(w.topologyId()));
        deleteCodeExcept(keep);
    }

    /** Deletes the downloaded code of topologies this supervisor no longer runs. */
    private void deleteCodeExcept(Set<String> keep) {
        File[] dirs = codeRoot.toFile().listFiles(File::isDirectory);
        if (dirs == null) {
            return;
        }
        for (File dir : dirs) {
            if (!keep.contains(dir.getName())) {
                try {
                    // Recursive: workers extract the topology's resources/ into subdirectories.
                    TopologyResources.delete(dir.toPath());
                    LOG.info("Deleted the code of {}, which no longer runs here", dir.getName());
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", dir, e.toString());
                }
            }
        }
    }

    /** Why a running worker must stop, or null if it is fine. */
    private String problem(WorkerProcess w, Assignment a, long now) {
        if (a == null || !w.runs(a.topologyId(), a.version())) {
            return "it is no longer assigned here";
        }
        if (!w.process().isAlive()) {
            return "it died with exit code " + w.process().exitValue();
        }
        WorkerBeat beat = state.workerBeat(w.topologyId(), id, w.port());
        if (beat != null && beat.timeMs() >= w.launchedAtMs() && beat.pid() == w.process().pid()) {
            lastBeatMs.put(w.port(), beat.timeMs());
        }
        // The heartbeat node is ephemeral: a frozen worker's node vanishes with its session, so the last
        // beat seen counts, and a worker never seen beating gets the start timeout.
        Long last = lastBeatMs.get(w.port());
        if (last == null) {
            return now - w.launchedAtMs() > startTimeoutMs ? "no heartbeat within " + startTimeoutMs + " ms of start"
                    : null;
        }
        return now - last > workerTimeoutMs ? "no heartbeat for " + (now - last) + " ms" : null;
    }

    private void launch(Assignment a, int port) {
        try {
            Path code = download(a.topologyId());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + conf.getInt(ConfigKeys.WORKER_HEAP_MEMORY_MB) + "m");
            for (String opt : conf.getString(ConfigKeys.WORKER_CHILDOPTS).trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    cmd.add(opt);
                }
            }
            for (String prop : new String[] {DaemonConfig.CONF_FILE_PROPERTY, "logback.configurationFile"}) {
                if (System.getProperty(prop) != null) {
                    cmd.add("-D" + prop + "=" + System.getProperty(prop));
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("io.squall.daemon.worker.WorkerMain");
            cmd.add(id);
            cmd.add(String.valueOf(port));
            cmd.add(a.topologyId());
            cmd.add(code.toString());
            cmd.addAll(conf.overrides());
            File log = logsDir.resolve("worker-" + a.topologyId() + "-" + port + ".log").toFile();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            workers.put(port, new WorkerProcess(a.topologyId(), a.version(), port, p, System.currentTimeMillis()));
            LOG.info("Launched worker {} (assignment {}) on port {}, pid {}, log {}", a.topologyId(), a.version(), port,
                    p.pid(), log);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot launch worker {} on port {} now: {}", a.topologyId(), port, e.toString());
        }
    }

    private Path download(String topologyId) throws IOException {
        Path dir = codeRoot.resolve(topologyId);
        if (Files.isRegularFile(dir.resolve(CODE_FILES[0]))) {
            return dir;
        }
        Files.createDirectories(dir);
        for (int i = CODE_FILES.length - 1; i >= 0; i--) {
            byte[] bytes = nimbus.downloadCode(topologyId, CODE_PARTS[i]);
            Path tmp = dir.resolve(CODE_FILES[i] + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(CODE_FILES[i]), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.info("Downloaded the code of {}", topologyId);
        return dir;
    }

    /** Stops syncing, stops every worker and leaves the cluster. */
    @Override
    public void close() {
        sync.shutdownNow();
        try {
            sync.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WorkerProcess w : workers.values()) {
            w.stop();
        }
        workers.clear();
        state.close();
        LOG.info("Supervisor {} stopped", id);
    }
}
