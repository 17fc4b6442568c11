package io.squall.daemon.supervisor;

import io.squall.blobstore.BlobLocalizer;
import io.squall.blobstore.NimbusBlobStore;
import io.squall.cluster.ClusterState;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.WorkerBeat;
import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.daemon.metrics.DaemonMetrics;
import io.squall.daemon.supervisor.WorkerSync.Wanted;
import io.squall.errors.SquallException;
import io.squall.multilang.TopologyResources;
import io.squall.security.ClientCredentials;
import io.squall.security.SecuritySettings;
import io.squall.utils.NimbusClient;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon of one machine: registers its worker ports in ZooKeeper, and every
 * {@code supervisor.monitor.freq.ms} makes its worker JVMs match the assignments: downloads the code of
 * newly assigned topologies from Nimbus, launches a worker per assigned port, restarts workers that died or
 * stopped heartbeating, and stops workers whose task groups changed or went away; a worker whose groups stay
 * the same keeps running across reassignments. Each worker logs to its own file under {@code squall.logs.dir},
 * which rolls by size ({@link WorkerLogOptions}).
 *
 * <p>The supervisor's id is kept in {@code storm.local.dir/supervisor-<first port>/supervisor.id}, so a
 * restarted supervisor is the same one to Nimbus, and it adopts its workers that are still heartbeating.
 * Each worker port has its own {@code java.io.tmpdir} there, emptied before each worker starts on it, so a killed
 * worker's temporary files do not outlive the next start of its slot ({@link WorkerDirs}).
 * Its registration in ZooKeeper is made again after a session loss. All worker state is owned by the single
 * sync thread.
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
    private final WorkerLogOptions workerLogs;
    private final WorkerDirs workerDirs;
    private final long workerTimeoutMs;
    private final WorkerSync decisions;
    private final Map<Integer, WorkerProcess> workers = new HashMap<>();
    private final ScheduledExecutorService sync;
    private final ClusterState.Registration registration;
    /** The blob store, read with the daemons' credentials. */
    private final NimbusBlobStore blobStore;
    /** The localized blobs of each topology that maps some, by topology id. Owned by the sync thread. */
    private final Map<String, BlobLocalizer> localizers = new HashMap<>();
    private final long blobCheckEveryMs;
    private long lastBlobCheckMs;
    /**
     * Whether heartbeats could not be read for a while (a sync round failed, or the ZooKeeper connection was
     * suspended or lost) since the last round that could. Set by the sync thread and Curator's event thread.
     */
    private volatile boolean heartbeatsMissed;
    /** The ZooKeeper client's connection changes at the last grant of heartbeats missed (sync thread only). */
    private long connectionChangesSeen;
    /** Whether the workers of a previous run were looked for. */
    private boolean adopted;
    /** This daemon's own metrics (supervisor:*), for storm.daemon.metrics.reporter.plugins. */
    private final DaemonMetrics daemonMetrics;
    /** Runs the node's health check scripts (they may take seconds, so not on the sync thread). */
    private final ScheduledExecutorService health;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Completed with the reason when a health check finds the node unhealthy. */
    private final CompletableFuture<String> unhealthy = new CompletableFuture<>();

    /** Registers with ZooKeeper and starts syncing workers. */
    public Supervisor(DaemonConfig conf) throws IOException {
        this.conf = conf;
        this.host = conf.getString(ConfigKeys.SUPERVISOR_HOST);
        this.ports = conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS);
        // Before anything is started: a bad reporter setting refuses to start.
        this.daemonMetrics = DaemonMetrics.start(conf.asMap(), "supervisor@" + host + ":"
                + (ports.isEmpty() ? "none" : ports.get(0)));
        if (ports.isEmpty()) {
            throw new SquallException("supervisor.slots.ports is empty: give the supervisor at least one worker port");
        }
        Path home = Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "supervisor-" + ports.get(0));
        Files.createDirectories(home);
        this.id = loadOrCreateId(home.resolve("supervisor.id"));
        this.workerTimeoutMs = conf.getInt(ConfigKeys.SUPERVISOR_WORKER_TIMEOUT_SECS) * 1000L;
        this.decisions = new WorkerSync(ports, workerTimeoutMs,
                conf.getInt(ConfigKeys.SUPERVISOR_WORKER_START_TIMEOUT_SECS) * 1000L);
        this.codeRoot = home.resolve("stormdist");
        this.logsDir = Path.of(conf.getString(ConfigKeys.WORKER_LOGS_DIR));
        this.workerLogs = WorkerLogOptions.of(conf);
        Files.createDirectories(codeRoot);
        Files.createDirectories(logsDir);
        String nativeDir = conf.getString(ConfigKeys.SQUALL_NATIVE_DIR);
        this.workerDirs = new WorkerDirs(home.resolve("tmp"), nativeDir != null && !nativeDir.isBlank()
                ? Path.of(nativeDir) : Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "native"));
        try {
            workerDirs.deleteOtherPorts(ports);
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary directories of ports this supervisor no longer has: {}",
                    e.toString());
        }
        SecuritySettings security = SecuritySettings.of(conf);
        security.checkBind("The supervisor's workers", host, security.secret() != null, "squall.cluster.secret.file");
        this.nimbus = NimbusClient.forDaemon(conf);
        this.blobStore = new NimbusBlobStore(nimbus);
        this.blobCheckEveryMs = conf.getInt(ConfigKeys.SUPERVISOR_LOCALIZER_UPDATE_BLOB_INTERVAL_SECS) * 1000L;
        this.state = ClusterState.connect(conf);
        state.curator().getConnectionStateListenable().addListener((client, change) -> {
            if (!change.isConnected() || change == ConnectionState.RECONNECTED) {
                heartbeatsMissed = true;
            }
        });
        this.registration = state.registerSupervisor(new SupervisorInfo(id, host, ports, System.currentTimeMillis()));
        this.sync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-sync");
            t.setDaemon(true);
            return t;
        });
        long every = conf.getInt(ConfigKeys.SUPERVISOR_MONITOR_FREQ_MS);
        daemonMetrics.meter("supervisor:num-launched").mark();
        daemonMetrics.gauge("supervisor:num-slots-used-gauge", workers::size);
        sync.scheduleWithFixedDelay(this::syncSafely, 0, every, TimeUnit.MILLISECONDS);
        this.health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-health");
            t.setDaemon(true);
            return t;
        });
        long healthEvery = conf.getInt(ConfigKeys.SUPERVISOR_HEALTH_CHECK_INTERVAL_SECS);
        health.scheduleWithFixedDelay(this::checkHealth, healthEvery, healthEvery, TimeUnit.SECONDS);
        LOG.info("Supervisor {} on {} with ports {}; worker logs in {}", id, host, ports, logsDir.toAbsolutePath());
    }

    /** The id in {@code file}, or a new one written there. */
    private static String loadOrCreateId(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (id.matches("[0-9a-f-]{36}")) {
                return id;
            }
            LOG.warn("{} does not hold a supervisor id; making a new one", file);
        }
        String id = UUID.randomUUID().toString();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    /** The supervisor's id in ZooKeeper. */
    public String id() {
        return id;
    }

    /**
     * Completes with what failed when a health check finds the node unhealthy; the daemon then closes this supervisor
     * (stopping its workers) and exits, as Storm's does, so that Nimbus moves the workers to healthy nodes.
     */
    public CompletableFuture<String> unhealthy() {
        return unhealthy;
    }

    private void checkHealth() {
        try {
            HealthCheck.Report report = HealthCheck.run(conf);
            report.runs().stream().filter(r -> r.result() == HealthCheck.Result.TIMEOUT)
                    .forEach(r -> daemonMetrics.meter("supervisor:health-check-timeouts").mark());
            if (!report.healthy()) {
                String why = "the node is unhealthy: " + report.failures().stream().map(HealthCheck.ScriptRun::describe)
                        .toList();
                LOG.error("Health check of storm.health.check.dir {}: {}; stopping every worker of this supervisor and "
                        + "exiting, as Storm's supervisor does", report.dir().toAbsolutePath(), why);
                unhealthy.complete(why);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot run the health check scripts; trying again in {} s: {}",
                    conf.getInt(ConfigKeys.SUPERVISOR_HEALTH_CHECK_INTERVAL_SECS), e.toString());
        }
    }

    private void syncSafely() {
        try {
            syncWorkers();
        } catch (SquallException e) {
            // ZooKeeper is out of reach: heartbeats cannot be read, and no worker is to blame for that.
            heartbeatsMissed = true;
            LOG.warn("Supervisor sync round failed; retrying next round: {}", e.getMessage());
        } catch (Throwable t) {
            LOG.error("Supervisor sync round failed; retrying next round", t);
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    private void syncWorkers() {
        Map<Integer, Wanted> wanted = WorkerSync.wanted(state.assignments(), id);
        long now = System.currentTimeMillis();
        // A round whose reads only waited through an outage throws nothing, but the workers could not beat either.
        long changes = state.connectionChanges();
        if (heartbeatsMissed || changes != connectionChangesSeen) {
            decisions.heartbeatsMissed(workers.keySet(), now);
            heartbeatsMissed = false;
            connectionChangesSeen = changes;
        }
        if (!adopted) {
            adoptRunningWorkers(wanted, now);
            adopted = true;
        }
        WorkerSync.Decisions round = decisions.decide(wanted, workers,
                (topologyId, port) -> state.workerBeat(topologyId, id, port), now);
        for (WorkerSync.Stop stop : round.stops()) {
            WorkerProcess running = workers.remove(stop.port());
            LOG.info("Stopping worker {} on port {}: {}", running.topologyId(), stop.port(), stop.reason());
            daemonMetrics.meter(stop.cause().metric()).mark();
            running.stop();
        }
        round.launches().forEach((port, a) -> launch(a, port));
        Set<String> keep = new HashSet<>();
        wanted.values().forEach(a -> keep.add(a.topologyId()));
        workers.values().forEach(w -> keep.add(w.topologyId()));
        localizers.keySet().retainAll(keep);
        deleteCodeExcept(keep);
        if (now - lastBlobCheckMs >= blobCheckEveryMs) {
            lastBlobCheckMs = now;
            updateBlobs();
        }
    }

    /**
     * Links the new versions of the running topologies' blobs into their workers' directories; stops the workers of
     * a topology whose changed blob asks for {@code workerRestart} (the next round starts them again).
     */
    private void updateBlobs() {
        for (WorkerProcess w : List.copyOf(workers.values())) {
            // Workers adopted from a previous run of this supervisor: their blobs are linked again, then kept up.
            Path code = codeRoot.resolve(w.topologyId()).toAbsolutePath();
            if (!localizers.containsKey(w.topologyId()) && Files.isRegularFile(code.resolve("conf.json"))) {
                try {
                    localizeBlobs(w.topologyId(), code, code.resolve("work"));
                } catch (IOException | RuntimeException x) {
                    LOG.warn("Cannot link the blobs of topology {} now: {}", w.topologyId(), x.toString());
                }
            }
        }
        for (Map.Entry<String, BlobLocalizer> e : localizers.entrySet()) {
            String topologyId = e.getKey();
            try {
                boolean restart = false;
                for (BlobLocalizer.Mapping m : e.getValue().updateChanged()) {
                    LOG.info("Blob {} of topology {} changed: version {} is linked in", m.key(), topologyId,
                            e.getValue().version(m.key()));
                    restart |= m.workerRestart();
                }
                if (restart) {
                    workers.values().removeIf(w -> {
                        if (w.topologyId().equals(topologyId)) {
                            LOG.info("Restarting worker {} on port {}: a blob it maps with workerRestart changed",
                                    topologyId, w.port());
                            daemonMetrics.meter("supervisor:num-workers-killed-blob-changed").mark();
                            w.stop();
                            return true;
                        }
                        return false;
                    });
                }
            } catch (IOException | RuntimeException x) {
                LOG.warn("Cannot update the blobs of topology {} now; retrying in {} s: {}", topologyId,
                        blobCheckEveryMs / 1000, x.toString());
            }
        }
    }

    /**
     * Localizes the blobs a topology maps, once per topology on this supervisor, into the working directory its
     * workers share here ({@code code/work}); the copies are kept in {@code code/blobs}.
     */
    private void localizeBlobs(String topologyId, Path code, Path workDir) throws IOException {
        if (localizers.containsKey(topologyId)) {
            return;
        }
        List<BlobLocalizer.Mapping> mappings = BlobLocalizer.mappings(topologyConf(code));
        if (mappings.isEmpty()) {
            return;
        }
        BlobLocalizer localizer = new BlobLocalizer(blobStore, workDir, code.resolve("blobs"), mappings);
        localizer.localizeAll();
        localizers.put(topologyId, localizer);
    }

    /** The configuration a topology was submitted with, from its downloaded code. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> topologyConf(Path code) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(code.resolve("conf.json").toFile(),
                Map.class);
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

    /**
     * Takes over the workers a previous run of this supervisor launched that still heartbeat for a slot
     * assigned here, so that a supervisor restart does not restart its workers.
     */
    private void adoptRunningWorkers(Map<Integer, Wanted> wanted, long now) {
        for (Map.Entry<Integer, Wanted> e : wanted.entrySet()) {
            int port = e.getKey();
            Wanted a = e.getValue();
            WorkerBeat beat = state.workerBeat(a.topologyId(), id, port);
            if (beat == null || now - beat.timeMs() > workerTimeoutMs) {
                continue;
            }
            ProcessHandle handle = ProcessHandle.of(beat.pid()).filter(ProcessHandle::isAlive).orElse(null);
            boolean isWorker = handle != null && WorkerCommandLine.isWorker(handle);
            if (isWorker) {
                workers.put(port, new WorkerProcess(a.topologyId(), a.groupIds(), port, null, handle, now));
                LOG.info("Adopted worker {} on port {}, pid {}, still running from before this supervisor restarted",
                        a.topologyId(), port, handle.pid());
            }
        }
    }

    private void launch(Wanted a, int port) {
        try {
            Path code = download(a.topologyId()).toAbsolutePath();
            // The workers run in a directory of their own, as Storm's: the blobs of topology.blobstore.map are there.
            Path workDir = code.resolve("work");
            Files.createDirectories(workDir);
            localizeBlobs(a.topologyId(), code, workDir);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            int heapMb = conf.getInt(ConfigKeys.WORKER_HEAP_MEMORY_MB);
            TopologyWorkerLaunch own = TopologyWorkerLaunch.of(topologyConf(code), a.topologyId(), port, heapMb);
            List<String> jvmOptions = WorkerJvmOptions.of(heapMb, conf.getString(ConfigKeys.WORKER_CHILDOPTS),
                    own.jvmOptions(), conf.getInt(ConfigKeys.WORKER_YOUNG_GEN_MAX_MB));
            cmd.addAll(jvmOptions);
            cmd.addAll(workerDirs.prepare(port, jvmOptions));
            String confFile = System.getProperty(DaemonConfig.CONF_FILE_PROPERTY);
            if (confFile != null) {
                cmd.add("-D" + DaemonConfig.CONF_FILE_PROPERTY + "=" + absolute(confFile));
            }
            // The worker's log rolls by size; not the supervisor's logging configuration, which writes to a console.
            cmd.addAll(workerLogs.jvmOptions(a.topologyId(), port));
            cmd.add("-cp");
            List<String> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                classPath.add(entry.isEmpty() ? entry : absolute(entry));
            }
            classPath.addAll(own.classpath());
            cmd.add(String.join(File.pathSeparator, classPath));
            cmd.add(WorkerCommandLine.WORKER_MAIN);
            cmd.add(id);
            cmd.add(String.valueOf(port));
            cmd.add(a.topologyId());
            cmd.add(code.toString());
            cmd.addAll(conf.overrides());
            cmd.addAll(absolutePaths());
            Path log = workerLogs.logFile(a.topologyId(), port);
            // Only what the JVM writes past logback lands here (System.out and System.err go to the log).
            File out = workerLogs.outFile(a.topologyId(), port).toFile();
            ProcessBuilder launch = new ProcessBuilder(cmd);
            launch.environment().putAll(own.environment());
            Process p = launch.directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out)).start();
            workers.put(port, new WorkerProcess(a.topologyId(), a.groupIds(), port, p, p.toHandle(),
                    System.currentTimeMillis()));
            daemonMetrics.meter("supervisor:num-workers-launched").mark();
            LOG.info("Launched worker {} (assignment {}) on port {}, pid {}, log {}", a.topologyId(), a.version(), port,
                    p.pid(), log);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot launch worker {} on port {} now: {}", a.topologyId(), port, e.toString());
        }
    }

    /** The configured file and directory paths made absolute, as overrides: a worker runs in another directory. */
    private List<String> absolutePaths() {
        List<String> out = new ArrayList<>();
        for (ConfigKey k : List.of(ConfigKeys.STORM_LOCAL_DIR, ConfigKeys.WORKER_LOGS_DIR,
                ConfigKeys.SQUALL_AUTH_USERS_FILE, ConfigKeys.SQUALL_CLUSTER_SECRET_FILE,
                ConfigKeys.SQUALL_CREDENTIALS_FILE, ConfigKeys.SQUALL_TLS_CERT, ConfigKeys.SQUALL_TLS_KEY,
                ConfigKeys.SQUALL_TLS_CA)) {
            String v = conf.getString(k);
            if (v != null && !v.isEmpty() && !Path.of(v).isAbsolute()) {
                out.add(k.name() + "=" + absolutePath(k, v));
            }
        }
        return out;
    }

    /**
     * {@code value} of {@code key} as an absolute path, for a worker that runs in another directory. The
     * credentials file's leading {@code ~} is the home directory, as its readers take it, not a directory named
     * {@code ~} under the supervisor's working directory.
     */
    static String absolutePath(ConfigKey key, String value) {
        Path p = key == ConfigKeys.SQUALL_CREDENTIALS_FILE ? ClientCredentials.expandHome(value) : Path.of(value);
        return p.toAbsolutePath().toString();
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
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
        if (closed.getAndSet(true)) {
            return;
        }
        health.shutdownNow();
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
        registration.close();
        state.close();
        daemonMetrics.close();
        LOG.info("Supervisor {} stopped", id);
    }
}
