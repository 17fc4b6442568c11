package io.squall;

import io.squall.blobstore.ClientBlobStore;
import io.squall.blobstore.LocalModeClientBlobStore;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.config.ServedConf;
import io.squall.multilang.TopologyResources;
import io.squall.runtime.api.ComponentCounts;
import io.squall.runtime.api.LocalRuntime;
import io.squall.runtime.api.LocalTopologyRuntime;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.logging.LogLevelSettings;
import io.squall.runtime.logging.LoggerLevels;
import io.squall.testing.TrackedTopology;
import io.squall.topology.AlreadyAliveException;
import io.squall.topology.AuthorizationException;
import io.squall.topology.ClusterSummary;
import io.squall.topology.Credentials;
import io.squall.topology.GetInfoOptions;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.KillOptions;
import io.squall.topology.LogConfig;
import io.squall.topology.Nimbus;
import io.squall.topology.NimbusSummary;
import io.squall.topology.NotAliveException;
import io.squall.topology.ProfileAction;
import io.squall.topology.ProfileRequest;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.StormTopology;
import io.squall.topology.SubmitOptions;
import io.squall.topology.SupervisorSummary;
import io.squall.topology.TopologyHistoryInfo;
import io.squall.topology.TopologyInfo;
import io.squall.topology.TopologyInitialStatus;
import io.squall.topology.TopologySummary;
import io.squall.utils.Clock;
import io.squall.utils.DRPCClient;
import io.squall.utils.ManualClock;
import io.squall.utils.Time;
import io.squall.utils.Utils;
import io.squall.utils.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs topologies inside this JVM, for development and tests, on the same executors, queues, groupings and
 * acker as on a cluster. A topology runs in one in-process worker, where tuples pass between tasks by reference
 * and the serialization check (on by default) names in a warning each value that could not cross workers (with
 * {@code topology.testing.always.try.serialize} it stops the topology instead); with
 * {@code topology.workers} above one it runs in that many in-process workers (at most one per executor), whose
 * tuples and acker messages to each other are Kryo-encoded and sent over loopback Netty, as between a cluster's
 * workers. The workers come from the kernel's {@link LocalRuntime}. Thread-safe. Close it to stop every topology.
 */
public class LocalCluster implements ILocalCluster, Nimbus.Iface {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The owner of every local topology, as in Storm's local mode: the user running this JVM. */
    private static final String LOCAL_USER = System.getProperty("user.name");

    private final Map<String, LocalTopologyRuntime> running = new ConcurrentHashMap<>();
    private final Map<String, LocalTopologyRuntime> failed = new ConcurrentHashMap<>();
    /** The directory of each topology's extracted resources/ (and the pid files of its shell components). */
    private final Map<String, Path> codeDirs = new ConcurrentHashMap<>();
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    /** The topologies waiting out a rebalance's wait, by name. */
    private final Map<String, PendingRebalance> rebalancing = new ConcurrentHashMap<>();
    /** The topologies killed with a wait ({@code KILLED}, spouts deactivated), by name: when, on the clock, they go. */
    private final Map<String, Long> killing = new ConcurrentHashMap<>();
    /** How often the rebalancer thread looks for rebalances and kills whose wait is over (on the cluster's clock). */
    private static final long REBALANCE_CHECK_MILLIS = 20;
    /** How long closing waits for a kill or rebalance the rebalancer thread has begun. */
    private static final long REBALANCER_STOP_MILLIS = 30_000;
    /** Finishes rebalances and kills with a wait; made at the first. */
    private ScheduledExecutorService rebalancer;
    private final LocalRuntime runtime;
    /** The blob store of this cluster, and the blobs its topologies map. */
    private final LocalClusterBlobs blobs;
    private final Clock clock;
    private final long createdMillis;
    private volatile boolean closed;

    /** A running topology; closing it kills it. */
    public final class LocalTopology implements ILocalTopology {
        private final String name;

        private LocalTopology(String name) {
            this.name = name;
        }

        /** The topology's name. */
        public String getName() {
            return name;
        }

        @Override
        public void close() {
            if (running.containsKey(name)) {
                killTopology(name);
            }
        }
    }

    /** What every topology's configuration starts from (Storm's daemon configuration of a local cluster). */
    private final Map<String, Object> baseConf;
    /** The log levels set on topologies ({@link #setLogConfig}), and the JVM's loggers they set. Under this lock. */
    private final LogLevelSettings logLevels = new LogLevelSettings();
    private final LoggerLevels loggers = new LoggerLevels();

    /** A cluster with no topologies, on the system clock, or on simulated time while {@link Time} simulates it. */
    public LocalCluster() {
        this(Time.clock());
    }

    /**
     * A cluster with no topologies whose runtime reads time from {@code clock}: message timeouts, ticks,
     * windows and latencies. Pass a {@link io.squall.utils.ManualClock} to run topologies on simulated time.
     */
    public LocalCluster(Clock clock) {
        this(Map.of(), clock);
    }

    /** A cluster whose topologies' configurations start from {@code daemonConf}. */
    LocalCluster(Map<String, Object> daemonConf) {
        this(daemonConf, Time.clock());
    }

    private LocalCluster(Map<String, Object> daemonConf, Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("LocalCluster needs a clock: pass Clock.SYSTEM for the real one");
        }
        this.clock = clock;
        this.runtime = LocalRuntime.open(clock);
        this.blobs = new LocalClusterBlobs();
        this.createdMillis = clock.currentTimeMillis();
        this.baseConf = Map.copyOf(daemonConf == null ? Map.of() : daemonConf);
        // As Storm's: SquallSubmitter.submitTopology and NimbusClient reach this cluster while it is open.
        SquallSubmitter.claimLocalOverride(this);
    }

    /**
     * Runs {@code c} (a topology's {@code main}, say) with a local cluster and a local DRPC server that every
     * {@code SquallSubmitter.submitTopology}, {@code NimbusClient} and {@code DRPCClient} of this JVM reach, then lets
     * the cluster run {@code ttlSec} seconds before closing it, as Storm's; for running a topology from an IDE.
     *
     * @return what {@code c} returned
     */
    public static <T> T withLocalModeOverride(Callable<T> c, long ttlSec) throws Exception {
        return withLocalModeOverride(c, ttlSec, null);
    }

    /** Like {@link #withLocalModeOverride(Callable, long)}, the cluster made with {@code daemonConf}. */
    @SuppressWarnings("try") // the DRPC override acts by being open
    public static <T> T withLocalModeOverride(Callable<T> c, long ttlSec, Map<String, Object> daemonConf)
            throws Exception {
        LocalCluster before = SquallSubmitter.getLocalOverride();
        try (LocalCluster local = new LocalCluster(daemonConf == null ? Map.of() : daemonConf);
             LocalDRPC drpc = new LocalDRPC();
             DRPCClient.LocalOverride drpcOverride = new DRPCClient.LocalOverride(drpc)) {
            SquallSubmitter.setLocalOverride(local);
            try {
                T result = c.call();
                LOG.info("Running the local cluster for {} s", ttlSec);
                TimeUnit.SECONDS.sleep(ttlSec);
                return result;
            } finally {
                SquallSubmitter.setLocalOverride(before);
            }
        }
    }

    /**
     * Storm's way to run a topology's {@code main} in local mode from an IDE: {@code LocalCluster CLASS [ARGS...]}
     * runs {@code CLASS.main(ARGS)} as {@link #withLocalModeOverride} does, for the seconds of the system property
     * {@code storm.local.sleeptime} (default 20), then exits.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Give the class whose main submits the topology, then its arguments");
        }
        long ttl = 20;
        String sleep = System.getProperty("storm.local.sleeptime", "20");
        try {
            ttl = Long.parseLong(sleep.trim());
        } catch (NumberFormatException e) {
            LOG.warn("storm.local.sleeptime '{}' is not a whole number of seconds; running for {} s", sleep, ttl);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Method main = Class.forName(args[0], true, Thread.currentThread().getContextClassLoader())
                .getMethod("main", String[].class);
        withLocalModeOverride(() -> main.invoke(null, (Object) rest), ttl);
        System.exit(0);
    }

    /**
     * Validates and starts a topology, active.
     *
     * @throws AlreadyAliveException    if a topology of that name is running
     * @throws InvalidTopologyException if the topology cannot run, naming why
     * @throws InvalidConfigException   if a configuration value has the wrong type, naming the key
     */
    public LocalTopology submitTopology(String name, Map<String, Object> conf, StormTopology topology) {
        return submitTopology(name, conf, topology, Thread.currentThread().getContextClassLoader());
    }

    /** Like {@link #submitTopology(String, Map, StormTopology)}, loading the topology's classes from {@code loader}. */
    public LocalTopology submitTopology(String name, Map<String, Object> conf, StormTopology topology,
                                        ClassLoader loader) {
        return submit(name, conf, topology, loader, true, Map.of());
    }

    /**
     * Like {@link #submitTopology(String, Map, StormTopology)}; {@code INACTIVE} starts it deactivated, and its
     * credentials ({@code set_creds}) are given to its {@code ICredentialsListener} spouts and bolts before they open.
     */
    @Override
    public LocalTopology submitTopologyWithOpts(String name, Map<String, Object> conf, StormTopology topology,
                                                SubmitOptions options) {
        boolean active = options == null || options.get_initial_status() != TopologyInitialStatus.INACTIVE;
        Map<String, String> credentials = options == null || !options.is_set_creds() ? Map.of()
                : options.get_creds().get_creds();
        return submit(name, conf, topology, Thread.currentThread().getContextClassLoader(), active, credentials);
    }

    /**
     * Storm's client submission: {@code jsonConf} as the configuration map. A local topology's classes come from
     * this JVM, so {@code uploadedJarLocation} is not read (it may be null, or an upload of {@link #beginFileUpload}).
     *
     * @throws InvalidTopologyException if {@code jsonConf} is not a JSON object, or the topology cannot run
     */
    @Override
    public void submitTopologyWithOpts(String name, String uploadedJarLocation, String jsonConf,
                                       StormTopology topology, SubmitOptions options) {
        submitTopologyWithOpts(name, Nimbus.confOf(jsonConf), topology, options);
    }

    /** The uploads begun and not finished, by location, with the bytes each got: local mode keeps no JAR. */
    private final Map<String, Long> openUploads = new ConcurrentHashMap<>();

    /**
     * Starts an upload, as Storm's client does before a submission; in local mode the JAR's bytes are counted and
     * dropped, since a local topology's classes come from this JVM.
     */
    @Override
    public String beginFileUpload() {
        String location = "local-upload-" + java.util.UUID.randomUUID();
        openUploads.put(location, 0L);
        return location;
    }

    @Override
    public void uploadChunk(String location, ByteBuffer chunk) {
        if (openUploads.computeIfPresent(location, (l, n) -> n + chunk.remaining()) == null) {
            throw new IllegalArgumentException("No upload is open at '" + location + "': begin one with "
                    + "beginFileUpload and send its chunks before finishing it");
        }
    }

    @Override
    public void finishFileUpload(String location) {
        if (openUploads.remove(location) == null) {
            throw new IllegalArgumentException("No upload is open at '" + location + "': begin one with "
                    + "beginFileUpload and send its chunks before finishing it");
        }
    }

    /**
     * Not in local mode: a profiling action acts on a worker's JVM, and a local topology's workers are threads of
     * this one (Storm's local cluster does not profile either).
     *
     * @throws UnsupportedOperationException always, saying how to profile this JVM
     */
    @Override
    public void setWorkerProfiler(String id, ProfileRequest request) {
        getTopology(id); // An unknown topology is NotAliveException, as on a cluster.
        throw new UnsupportedOperationException("Profiling actions run on a cluster's worker JVMs; in local mode the "
                + "workers are threads of this JVM (pid " + ProcessHandle.current().pid() + "): use jcmd on it for a "
                + "thread dump, heap dump or JFR recording");
    }

    /** None in local mode, where no profiling action can be asked ({@link #setWorkerProfiler}). */
    @Override
    public List<ProfileRequest> getComponentPendingProfileActions(String id, String componentId,
                                                                  ProfileAction action) {
        StormTopology topology = getTopology(id);
        if (topology.getComponent(componentId) == null) {
            throw new IllegalArgumentException("Topology '" + nameOf(id) + "' has no component '" + componentId
                    + "'; its components are " + topology.getComponents().keySet());
        }
        return List.of();
    }

    /** Submits a tracked topology ({@link TrackedTopology#getTopology()}), as Storm's local cluster does. */
    public LocalTopology submitTopology(String name, Map<String, Object> conf, TrackedTopology topology) {
        return submitTopology(name, conf, topology.getTopology());
    }

    /** Submits a tracked topology with Storm's submit options ({@code INACTIVE} starts it deactivated). */
    public LocalTopology submitTopologyWithOpts(String name, Map<String, Object> conf, TrackedTopology topology,
                                                SubmitOptions options) {
        return submitTopologyWithOpts(name, conf, topology.getTopology(), options);
    }

    /**
     * The cluster's Nimbus, to manage its topologies as a client would ({@code activate}, {@code rebalance},
     * {@code getTopologyInfo}, ...): in local mode the cluster itself.
     */
    public Nimbus.Iface getNimbus() {
        return this;
    }

    private LocalTopology submit(String name, Map<String, Object> conf, StormTopology topology, ClassLoader loader,
                                 boolean active, Map<String, String> credentials) {
        if (closed) {
            throw new IllegalStateException("This LocalCluster is closed");
        }
        validateName(name);
        if (topology == null) {
            throw new InvalidTopologyException("Topology '" + name + "' is null: pass builder.createTopology()");
        }
        Map<String, Object> topoConf = new HashMap<>(baseConf);
        topoConf.putAll(conf == null ? Map.of() : conf);
        topoConf.put(Config.TOPOLOGY_NAME, name);
        synchronized (this) {
            if (running.containsKey(name)) {
                throw new AlreadyAliveException("Topology '" + name + "' is already running; kill it first or pick "
                        + "another name");
            }
            String id = name + "-" + IDS.incrementAndGet() + "-" + clock.currentTimeMillis() / 1000;
            ClassLoader codeLoader = loader == null ? getClass().getClassLoader() : loader;
            Path codeDir = extractResources(name, codeLoader);
            try {
                Path root = codeDirs.get(name);
                blobs.localize(name, topoConf, (root == null ? Path.of(System.getProperty("java.io.tmpdir"))
                        .resolve("squall-" + id) : root).resolve("blobs"));
            } catch (RuntimeException e) {
                deleteCodeDir(codeDirs.remove(name));
                throw e;
            }
            start(name, new Launch(id, topology, topoConf, codeLoader, Map.of(), codeDir, credentials), active);
        }
        SubmitterHooks.notify(name, topoConf, topology, () -> getTopologyInfo(name));
        return new LocalTopology(name);
    }

    /**
     * Extracts the {@code resources/} folders on the topology's class path (shell components' scripts) into a
     * directory of its own, deleted when it is killed; null, with a warning, if that fails.
     */
    private Path extractResources(String name, ClassLoader loader) {
        try {
            Path root = Files.createTempDirectory("squall-" + name + "-");
            deleteCodeDir(codeDirs.put(name, root));
            return TopologyResources.extract(loader, root.resolve("resources"));
        } catch (IOException e) {
            LOG.warn("Cannot extract the resources/ of topology {}; shell components run in this directory: {}",
                    name, e.toString());
            return null;
        }
    }

    private static void deleteCodeDir(Path root) {
        if (root != null) {
            try {
                TopologyResources.delete(root);
            } catch (IOException e) {
                LOG.warn("Cannot delete {}: {}", root, e.toString());
            }
        }
    }

    /** What a topology was started with, so a rebalance can restart it; its credentials are the latest pushed. */
    private record Launch(String id, StormTopology topology, Map<String, Object> conf, ClassLoader loader,
                          Map<String, Integer> executorOverrides, Path codeDir, Map<String, String> credentials) { }

    private void start(String name, Launch launch, boolean active) {
        LocalTopologyRuntime previous = failed.remove(name);
        if (previous != null) {
            previous.shutdown();        // its metrics and reporters, kept until now for its errors
        }
        AtomicReference<LocalTopologyRuntime> self = new AtomicReference<>();
        LocalTopologyRuntime t = runtime.start(new LocalRuntime.Launch(name, launch.id(), launch.topology(),
                launch.conf(), launch.loader(), launch.executorOverrides(), launch.codeDir(), launch.credentials()),
                active,
                error -> onFailure(name, self.get()));
        self.set(t);
        running.put(name, t);
        launches.put(name, launch);
    }

    private static void validateName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidTopologyException("A topology name must be a non-empty string");
        }
        for (char c : new char[] {'/', '.', ':', '\\'}) {
            if (name.indexOf(c) >= 0) {
                throw new InvalidTopologyException("Topology name '" + name + "' contains '" + c
                        + "', which is not allowed in names");
            }
        }
    }

    /**
     * A topology stopped itself. Synchronized as submit and rebalance are: an executor that fails at its first tuple
     * can stop the topology before {@link #start} has put it among the running ones, and would otherwise leave it there.
     */
    private synchronized void onFailure(String name, LocalTopologyRuntime t) {
        if (t != null && running.remove(name, t)) {      // not the runtime a rebalance started in its place
            failed.put(name, t);
        }
    }

    /**
     * Stops a topology now; one that is rebalancing is not restarted. (Storm's waits the topology's message timeout
     * first, as {@link #killTopologyWithOpts} without a wait does here.)
     */
    public void killTopology(String name) {
        LocalTopologyRuntime t;
        synchronized (this) {       // after a rebalance's restart in progress, so that it kills the new runtime
            t = running.remove(name);
            if (t == null) {
                throw new NotAliveException("No topology named '" + name + "' is running (running: "
                        + new TreeSet<>(running.keySet()) + ")");
            }
            rebalancing.remove(name);
            killing.remove(name);
        }
        t.shutdown();
        removedIds.add(t.topologyId());
        blobs.remove(name);
        deleteCodeDir(codeDirs.remove(name));
        launches.remove(name);
    }

    /** The ids of the topologies this cluster ran and killed, in kill order. */
    private final List<String> removedIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Storm's topology history: the ids of the running topologies and of every topology this cluster ran since it
     * started. Local mode has one user, so {@code user} changes nothing.
     */
    @Override
    public TopologyHistoryInfo getTopologyHistory(String user) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(removedIds);
        for (TopologySummary t : getTopologySummaries()) {
            ids.add(t.get_id());
        }
        return new TopologyHistoryInfo(List.copyOf(ids));
    }

    /**
     * Rebalances a topology as a cluster's Nimbus does, and returns at once: its spouts are deactivated and it is
     * {@code REBALANCING} for the options' wait (default {@code topology.message.timeout.secs}) so tuples in flight
     * finish; then its executors stop and start again with the new counts (each at most the component's task count;
     * a keyed stateful bolt gets that many tasks, up to {@code topology.state.key.groups}, its state moving by key
     * group from the last commit), active if it was. The wait follows this cluster's clock, so on simulated time
     * the rebalance happens once the time is advanced past it. State kept in task objects is lost, as with a
     * rebalance on a cluster; tuples not yet acked are replayed by their spouts. The worker count is ignored: a
     * local topology keeps the workers its {@code topology.workers} asked for. Meanwhile activate, deactivate and
     * another rebalance are refused; a kill cancels it.
     *
     * @throws NotAliveException        if no topology of that name runs
     * @throws InvalidTopologyException if an executor count does not fit the component
     * @throws IllegalStateException    if the topology is already rebalancing
     */
    @Override
    public void rebalance(String name, RebalanceOptions options) {
        RebalanceOptions o = options == null ? new RebalanceOptions() : options;
        synchronized (this) {
            LocalTopologyRuntime t = worker(name);
            requireNotRebalancing(name, "rebalance");
            Launch launch = launches.get(name);
            requireNotKilled(name, "rebalance");
            Map<String, Integer> overrides = new HashMap<>(launch.executorOverrides());
            overrides.putAll(o.get_num_executors());
            // Checked before anything stops, so a bad request leaves the topology running.
            try {
                t.checkExecutorCounts(overrides);
            } catch (IllegalArgumentException e) {
                throw new InvalidTopologyException(e.getMessage());
            }
            int waitSecs = o.is_set_wait_secs() ? o.get_wait_secs() : t.messageTimeoutSecs();
            boolean active = t.isActive();
            t.deactivate();
            rebalancing.put(name, new PendingRebalance(clock.nanoTime() + TimeUnit.SECONDS.toNanos(waitSecs),
                    Map.copyOf(overrides), active));
            rebalancer().execute(this::finishDueTransitions);
        }
    }

    /** A rebalance waiting for its topology's tuples in flight; {@code dueNanos} on this cluster's clock. */
    private record PendingRebalance(long dueNanos, Map<String, Integer> executorOverrides, boolean active) { }

    private synchronized ScheduledExecutorService rebalancer() {
        if (rebalancer == null) {
            rebalancer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "squall-local-rebalance");
                thread.setDaemon(true);
                return thread;
            });
            rebalancer.scheduleWithFixedDelay(this::finishDueTransitions, REBALANCE_CHECK_MILLIS,
                    REBALANCE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return rebalancer;
    }

    // Storm's ILocalCluster declares these too: Nimbus.Iface's defaults answer them.

    @Override
    public TopologyInfo getTopologyInfoWithOpts(String id, GetInfoOptions options) {
        return Nimbus.Iface.super.getTopologyInfoWithOpts(id, options);
    }

    @Override
    public TopologyInfo getTopologyInfoByName(String name) {
        return Nimbus.Iface.super.getTopologyInfoByName(name);
    }

    @Override
    public TopologyInfo getTopologyInfoByNameWithOpts(String name, GetInfoOptions options) {
        return Nimbus.Iface.super.getTopologyInfoByNameWithOpts(name, options);
    }

    @Override
    public List<TopologySummary> getTopologySummaries() {
        return Nimbus.Iface.super.getTopologySummaries();
    }

    @Override
    public TopologySummary getTopologySummary(String id) {
        return Nimbus.Iface.super.getTopologySummary(id);
    }

    @Override
    public TopologySummary getTopologySummaryByName(String name) {
        return Nimbus.Iface.super.getTopologySummaryByName(name);
    }

    /**
     * Sets or puts back loggers of this JVM for a running topology, as Storm's {@code setLogConfig}: local mode's
     * workers share the JVM's loggers, so a level set for one topology shows in all. A timed level ends on the
     * cluster's clock.
     *
     * @throws NotAliveException        if no topology of that name or id is running
     * @throws IllegalArgumentException for a level that is not one of logback's, or an UPDATE without one
     */
    @Override
    public synchronized void setLogConfig(String nameOrId, LogConfig config) {
        String name = nameOf(nameOrId);
        logLevels.change(name, config.levelsToSet(), config.loggersToReset(), clock.currentTimeMillis());
        applyLogLevels();
        rebalancer(); // Its rounds end the timed levels.
    }

    /**
     * Gives a running topology new credentials (Storm's {@code uploadNewCredentials}): its {@code ICredentialsListener}
     * spouts and bolts are told at their executors' next round, and a rebalance's restart starts them with these.
     *
     * @throws NotAliveException        if no topology of that name or id is running
     * @throws AuthorizationException   if {@code creds} expects another owner than the user who runs this cluster
     * @throws IllegalArgumentException for a null key or value
     */
    @Override
    public synchronized void uploadNewCredentials(String nameOrId, Credentials creds) {
        String name = nameOf(nameOrId);
        if (creds != null && creds.is_set_topoOwner() && !creds.get_topoOwner().equals(LOCAL_USER)) {
            throw new AuthorizationException("Topology '" + name + "' is owned by '" + LOCAL_USER + "', not '"
                    + creds.get_topoOwner() + "': its credentials were not changed");
        }
        Map<String, String> credentials = creds == null ? Map.of() : Map.copyOf(LocalRuntime.checkCredentials(
                creds.get_creds()));
        Launch l = launches.get(name);
        launches.put(name, new Launch(l.id(), l.topology(), l.conf(), l.loader(), l.executorOverrides(), l.codeDir(),
                credentials));
        running.get(name).setCredentials(credentials);
    }

    /** The log levels set on a running topology and still in force, each as an {@code UPDATE}. */
    @Override
    public synchronized LogConfig getLogConfig(String nameOrId) {
        long now = clock.currentTimeMillis();
        return LogConfig.inForce(LogLevelSettings.listed(logLevels.current(nameOf(nameOrId), now)), now);
    }

    /** Sets the loggers to the levels in force for the running topologies, and puts back the others. */
    private synchronized void applyLogLevels() {
        long now = clock.currentTimeMillis();
        Map<String, LogLevelSettings.Setting> wanted = new HashMap<>();
        if (!closed) {
            running.keySet().forEach(name -> wanted.putAll(logLevels.current(name, now)));
        }
        loggers.applySettings(wanted, now);
    }

    /** Finishes the rebalances and kills whose wait is over, and ends timed log levels; on the rebalancer thread. */
    private void finishDueTransitions() {
        applyLogLevels();
        finishDueRebalances();
        for (String name : dueKills()) {
            try {
                killTopology(name);                         // outside the lock: its executors can take seconds
            } catch (NotAliveException gone) {
                LOG.debug("Topology {} was gone before its kill's wait ended", name);
            }
        }
    }

    private synchronized List<String> dueKills() {
        long now = clock.nanoTime();
        List<String> due = new ArrayList<>();
        if (!closed) {
            killing.forEach((name, dueNanos) -> {
                if (now - dueNanos >= 0) {
                    due.add(name);
                }
            });
        }
        return due;
    }

    /** Restarts, with their new executor counts, the rebalancing topologies whose wait is over. */
    private synchronized void finishDueRebalances() {
        long now = clock.nanoTime();
        for (Map.Entry<String, PendingRebalance> e : new ArrayList<>(rebalancing.entrySet())) {
            String name = e.getKey();
            PendingRebalance p = e.getValue();
            if (now - p.dueNanos() < 0 || closed) {
                continue;
            }
            rebalancing.remove(name);
            Launch launch = launches.get(name);
            if (launch == null || !running.containsKey(name)) {
                continue;                                   // killed, or failed on its own, during the wait
            }
            // Restarted in place: the stopped runtime stays listed until the new one replaces it, so the topology
            // never disappears from the cluster's view, and it keeps its extracted resources and blobs.
            LocalTopologyRuntime old = running.get(name);
            try {
                old.shutdown();
                start(name, new Launch(launch.id(), launch.topology(), launch.conf(), launch.loader(),
                        p.executorOverrides(), launch.codeDir(), launch.credentials()), p.active());
            } catch (RuntimeException failure) {
                LOG.error("Rebalancing topology {} failed; it is stopped", name, failure);
                running.remove(name, old);
                blobs.remove(name);
                deleteCodeDir(codeDirs.remove(name));
                launches.remove(name);
            }
        }
    }

    private void requireNotRebalancing(String name, String action) {
        PendingRebalance p = rebalancing.get(name);
        if (p != null) {
            throw new IllegalStateException("Cannot " + action + " topology '" + name + "': it is rebalancing, for "
                    + rebalancingInSecs(name) + " s more (the rebalance's wait); " + action + " it after that, or kill it");
        }
    }

    private void requireNotKilled(String name, String action) {
        if (killing.containsKey(name)) {
            throw new IllegalStateException("Cannot " + action + " topology '" + name + "': it is killed and goes in "
                    + killedInSecs(name) + " s (the kill's wait); kill it again with a shorter wait to end it sooner");
        }
    }

    /** Whether a topology is waiting out a rebalance's wait. */
    public boolean isRebalancing(String name) {
        return rebalancing.containsKey(name);
    }

    /** The seconds, rounded up, until a rebalancing topology restarts with its new counts; 0 if it is not rebalancing. */
    public int rebalancingInSecs(String name) {
        PendingRebalance p = rebalancing.get(name);
        return p == null ? 0 : secsUntil(p.dueNanos());
    }

    /** The seconds, rounded up, until a topology killed with a wait stops; 0 if it was not. */
    public int killedInSecs(String name) {
        Long due = killing.get(name);
        return due == null ? 0 : secsUntil(due);
    }

    /** The seconds, rounded up, from now to {@code dueNanos} on this cluster's clock; 0 if it has passed. */
    private int secsUntil(long dueNanos) {
        return (int) Math.max(0, (dueNanos - clock.nanoTime() + 999_999_999L) / 1_000_000_000L);
    }

    private String status(String name, LocalTopologyRuntime t) {
        return killing.containsKey(name) ? "KILLED" : rebalancing.containsKey(name) ? "REBALANCING"
                : t.isActive() ? "ACTIVE" : "INACTIVE";
    }

    /**
     * A running topology's status in Storm's terms: {@code ACTIVE}, {@code INACTIVE}, {@code REBALANCING}, or
     * {@code KILLED} during a kill's wait.
     */
    public String getStatus(String name) {
        return status(name, worker(name));
    }

    /** The cluster in Storm's terms: one local supervisor, and every running topology with its workers. */
    @Override
    public ClusterSummary getClusterInfo() {
        List<TopologySummary> topologies = new ArrayList<>();
        for (String name : getTopologyNames()) {
            LocalTopologyRuntime t = running.get(name);
            if (t == null) {
                continue;
            }
            topologies.add(new TopologySummary(t.topologyId(), name, t.taskCount(), t.executorCount(),
                    t.workerCount(), uptimeSecs(t), status(name, t), LOCAL_USER));
        }
        int uptime = (int) ((clock.currentTimeMillis() - createdMillis) / 1000);
        Object port = baseConf.getOrDefault(ConfigKeys.NIMBUS_PORT.name(), ConfigKeys.NIMBUS_PORT.defaultValue());
        return new ClusterSummary(List.of(new SupervisorSummary("localhost", uptime, topologies.size(),
                topologies.size(), "local")), uptime, topologies, List.of(new NimbusSummary("localhost",
                port instanceof Number n ? n.intValue() : 0, uptime, true, VersionInfo.getVersion())));
    }

    /**
     * A running topology's executors and counts in Storm's terms, by topology id or name: one executor
     * summary per component, counts since it started ({@code :all-time}), and its components' last errors.
     */
    @Override
    public TopologyInfo getTopologyInfo(String idOrName) {
        String name = nameOf(idOrName);
        LocalTopologyRuntime t = worker(name);
        TopologyInfo info = t.topologyInfo(name, uptimeSecs(t));
        String status = status(name, t);
        if (status.equals(info.get_status())) {
            return info;
        }
        TopologyInfo withStatus = new TopologyInfo(info.get_id(), info.get_name(), info.get_uptime_secs(),
                info.get_executors(), status, info.get_errors());
        withStatus.set_component_debug(info.get_component_debug());
        return withStatus;
    }

    private String nameOf(String idOrName) {
        if (running.containsKey(idOrName)) {
            return idOrName;
        }
        for (Map.Entry<String, LocalTopologyRuntime> e : running.entrySet()) {
            if (e.getValue().topologyId().equals(idOrName)) {
                return e.getKey();
            }
        }
        throw new NotAliveException("No topology named '" + idOrName + "' (nor with that id) is running (running: "
                + new TreeSet<>(running.keySet()) + ")");
    }

    private int uptimeSecs(LocalTopologyRuntime t) {
        return (int) ((clock.currentTimeMillis() - t.startMillis()) / 1000);
    }

    /**
     * Kills a topology as a cluster's Nimbus does, and returns at once: its spouts are deactivated and it is
     * {@code KILLED} for the options' wait (not set: its {@code topology.message.timeout.secs}, as Storm's), so
     * tuples in flight can finish, then it stops. The wait follows this cluster's clock. Meanwhile the topology is
     * still listed and its name taken; activate, deactivate and rebalance are refused; a rebalance waiting is
     * cancelled; killing it again starts a new wait. A wait of 0 stops it now, as {@link #killTopology}.
     *
     * @throws NotAliveException if no topology of that name runs (a negative wait is refused by {@link KillOptions})
     */
    @Override
    public void killTopologyWithOpts(String name, KillOptions options) {
        synchronized (this) {
            LocalTopologyRuntime t = worker(name);
            int waitSecs = options != null && options.is_set_wait_secs() ? options.get_wait_secs()
                    : t.messageTimeoutSecs();
            if (waitSecs > 0) {
                rebalancing.remove(name);
                t.deactivate();
                killing.put(name, clock.nanoTime() + TimeUnit.SECONDS.toNanos(waitSecs));
                rebalancer().execute(this::finishDueTransitions);
                return;
            }
        }
        killTopology(name);
    }

    /** Lets a topology's spouts emit again. */
    public void activate(String name) {
        LocalTopologyRuntime t = worker(name);
        requireNotKilled(name, "activate");
        requireNotRebalancing(name, "activate");
        t.activate();
    }

    /** Stops a topology's spouts from emitting; tuples in flight still complete. */
    public void deactivate(String name) {
        LocalTopologyRuntime t = worker(name);
        requireNotKilled(name, "deactivate");
        requireNotRebalancing(name, "deactivate");
        t.deactivate();
    }

    /**
     * Starts or stops debugging a topology ({@code component} null or empty) or one component, as Storm's
     * {@code debug}: its executors sample {@code samplingPercentage} of what they emit to the topology's event
     * loggers ({@code Config.registerEventLogger}; a {@code FileBasedEventLogger} writing
     * {@code logs/worker-ID-PORT.events.log} if none). As on Storm, a component's own setting counts over the
     * topology's, and stopping the topology's leaves the components'; {@code getTopologyInfo} lists both
     * ({@code get_component_debug()}).
     *
     * @throws NotAliveException        if no topology of that name runs
     * @throws IllegalArgumentException for a percentage not in (0, 100] when enabling
     */
    @Override
    public void debug(String name, String component, boolean enable, double samplingPercentage) {
        LocalTopologyRuntime t = worker(name);
        if (component != null && !component.isEmpty() && t.topology().getComponent(component) == null) {
            throw new NotAliveException("Topology '" + name + "' has no component '" + component + "' (it has "
                    + new TreeSet<>(t.topology().getComponents().keySet()) + ")");
        }
        t.debug(component, enable, samplingPercentage);
    }

    /** Whether a topology of that name is running. */
    public boolean isRunning(String name) {
        return running.containsKey(name);
    }

    /** The names of the running topologies. */
    public List<String> getTopologyNames() {
        return new ArrayList<>(new TreeSet<>(running.keySet()));
    }

    /** The error that stopped a topology (a serialization check, a fatal executor error), or null. */
    public Throwable getTopologyFailure(String name) {
        LocalTopologyRuntime t = failed.get(name);
        return t == null ? null : t.failure();
    }

    /** A snapshot of the counts of a topology's components, by component id; immutable. */
    public Map<String, ComponentCounts> getComponentStats(String name) {
        return worker(name).componentCounts();
    }

    /** The topology running under a name or id. */
    @Override
    public StormTopology getTopology(String nameOrId) {
        return worker(nameOf(nameOrId)).topology();
    }

    /** The topology running under a name or id, as built; the same as {@link #getTopology}, as in Storm. */
    @Override
    public StormTopology getUserTopology(String nameOrId) {
        return getTopology(nameOrId);
    }

    /**
     * The configuration of the topology running under a name or id, as a JSON object, as Storm's Nimbus gives it.
     * Values JSON cannot write (objects a topology put in its configuration) are written as their strings.
     */
    @Override
    public String getTopologyConf(String nameOrId) {
        String name = nameOf(nameOrId);
        Launch launch = launches.get(name);
        return json(launch == null ? Map.of() : launch.conf(), "The configuration of topology '" + name + "'");
    }

    /**
     * The configuration of this cluster's Nimbus as JSON, as Storm's {@code getNimbusConf}: the defaults, the
     * {@code storm.yaml}/{@code squall.yaml} found, and the daemon configuration the cluster was made with; keys that
     * name a password, secret or token are left out, as a cluster's Nimbus leaves them out.
     */
    @Override
    public String getNimbusConf() {
        Map<String, Object> conf = new HashMap<>(Utils.readStormConfig());
        conf.putAll(baseConf);
        return json(ServedConf.of(conf).conf(), "The cluster's configuration");
    }

    /** {@code conf} as a JSON object, sorted by key; values JSON cannot write as their strings. */
    private static String json(Map<String, Object> conf, String what) {
        Map<String, Object> sorted = new java.util.TreeMap<>();
        conf.forEach((k, v) -> sorted.put(k, v == null || v instanceof Number || v instanceof Boolean
                || v instanceof String || v instanceof Map || v instanceof java.util.Collection ? v : v.toString()));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(sorted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The id of a running topology (its name, a counter and its submit time), kept across rebalances. */
    public String topologyId(String name) {
        return worker(name).topologyId();
    }

    /** Whether a running topology's spouts may emit. */
    public boolean isActive(String name) {
        return worker(name).isActive();
    }

    /**
     * An implementation object of the runtime under this cluster, of type {@code type}: its metrics collector
     * ({@code io.squall.metrics.aggregate.MetricsCollector}, read with {@code MetricsCollector.of(cluster)}), for
     * the dashboard and tests that read more than the public API shows. The public packages do not name the
     * metrics types, so that they stay below them.
     *
     * @throws IllegalArgumentException if the runtime has none of that type
     */
    public <T> T unwrap(Class<T> type) {
        return runtime.unwrap(type);
    }

    /**
     * An implementation object of a topology's first worker, of type {@code type}: its built-in metrics
     * ({@code WorkerMetrics.of(cluster, name)}) or its reporters ({@code Reporters.of(cluster, name)}); also of a
     * topology that failed, until the cluster closes.
     *
     * @throws NotAliveException        if no topology of that name runs or failed
     * @throws IllegalArgumentException if it has none of that type
     */
    public <T> T unwrap(String name, Class<T> type) {
        return withMetrics(name).unwrap(type);
    }

    /** A running topology, or one that failed and keeps its metrics until the cluster closes. */
    private LocalTopologyRuntime withMetrics(String name) {
        LocalTopologyRuntime t = running.get(name);
        if (t == null) {
            t = failed.get(name);
        }
        if (t == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        return t;
    }

    /** The last errors a component's tasks reported. */
    public List<ReportedError> getErrors(String name, String componentId) {
        LocalTopologyRuntime t = running.get(name);
        if (t == null) {
            t = failed.get(name);
        }
        if (t == null) {
            throw new NotAliveException("No topology named '" + name + "'");
        }
        return t.errors(componentId);
    }

    /**
     * The counts of the running topology that is exactly this object, or null; for {@link Testing}'s tracked
     * topologies. Executed counts are read before sent ones: a tuple is counted as sent before its receiver
     * counts it executed, so this never shows more executed than sent while tuples are in flight.
     */
    Testing.Progress progressOf(StormTopology topology) {
        LocalTopologyRuntime t = null;
        for (LocalTopologyRuntime candidate : running.values()) {
            if (candidate.topology() == topology) {
                t = candidate;
            }
        }
        if (t == null) {
            return null;
        }
        LocalTopologyRuntime.Progress p = t.progress();
        return new Testing.Progress(p.spoutEmitted(), p.transferred(), p.executed(), p.queued());
    }

    private LocalTopologyRuntime worker(String name) {
        LocalTopologyRuntime w = running.get(name);
        if (w == null) {
            throw new NotAliveException("No topology named '" + name + "' is running (running: "
                    + new TreeSet<>(running.keySet()) + ")");
        }
        return w;
    }

    /** Stops every topology. */
    @Override
    public void close() {
        closed = true;
        SquallSubmitter.releaseLocalOverride(this);
        applyLogLevels(); // Closed: every logger set is put back.
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = rebalancer;
        }
        if (stopping != null) {
            stopping.shutdown();                        // lets a kill or restart it has begun finish first
            try {
                if (!stopping.awaitTermination(REBALANCER_STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.warn("A rebalance or kill was still running after {} ms; closing anyway",
                            REBALANCER_STOP_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String name : new ArrayList<>(running.keySet())) {
            try {
                killTopology(name);
            } catch (NotAliveException gone) {
                LOG.debug("Topology {} stopped on its own", name);
            }
        }
        for (String name : new ArrayList<>(failed.keySet())) {
            failed.remove(name).shutdown();             // the metrics and reporters of topologies that failed
        }
        for (String name : new ArrayList<>(codeDirs.keySet())) {
            blobs.remove(name);
            deleteCodeDir(codeDirs.remove(name));       // topologies that failed on their own
        }
        blobs.close();
        runtime.close();
    }

    /**
     * A client of this cluster's blob store, which {@code topology.blobstore.map} of its topologies reads (and which
     * {@code Utils.getClientBlobStore} gives while this cluster is the last one made in this JVM).
     */
    public ClientBlobStore getClientBlobStore() {
        return new LocalModeClientBlobStore(blobs.store());
    }

    /** Storm's name for {@link #close()}. */
    public void shutdown() {
        close();
    }

    /**
     * Advances simulated time by {@code secs} seconds, one second at a time, letting the topologies settle
     * before and after each step (see {@link #waitForIdle()}): message timeouts, tick tuples and time windows
     * due in that time fire as they would have on real time.
     *
     * @throws IllegalStateException if the cluster runs on the system clock, or does not settle
     */
    @Override
    public void advanceClusterTime(int secs) throws InterruptedException {
        advanceClusterTime(secs, 1);
    }

    /**
     * Advances simulated time by {@code secs} seconds in steps of {@code incSecs}, letting the topologies settle
     * before and after each step.
     *
     * @throws IllegalStateException    if the cluster runs on the system clock, or does not settle
     * @throws IllegalArgumentException if {@code incSecs} is not positive
     */
    @Override
    public void advanceClusterTime(int secs, int incSecs) throws InterruptedException {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("advanceClusterTime needs a cluster on simulated time: build it with "
                    + "new LocalCluster.Builder().withSimulatedTime().build(), or create it inside "
                    + "Testing.withSimulatedTime or a Time.SimulatedTime block");
        }
        if (incSecs <= 0) {
            throw new IllegalArgumentException("advanceClusterTime's step must be at least 1 second, got " + incSecs);
        }
        waitForIdle();
        for (int left = secs; left > 0; left -= incSecs) {
            int step = Math.min(incSecs, left);
            if (Time.clock() == manual) {
                Time.advanceTimeSecs(step);         // also wakes the threads sleeping in simulated time
            } else {
                manual.advance(Duration.ofSeconds(step));
            }
            waitForIdle();
        }
    }

    /** {@link #waitForIdle(long)} with {@link Testing#TEST_TIMEOUT_MS}. */
    public void waitForIdle() throws InterruptedException {
        waitForIdle(Testing.TEST_TIMEOUT_MS);
    }

    /**
     * Waits until every running topology has settled: each executor has run a whole round with nothing to do
     * (or sleeps in simulated time) and none did any work meanwhile, so no tuple, ack or tick is in flight.
     * Meant for clusters on simulated time, where only advancing the clock makes more work.
     *
     * @throws IllegalStateException if they do not settle within {@code timeoutMs}; a spout that emits without
     *                               pause never settles (bound it with {@code topology.max.spout.pending})
     */
    public void waitForIdle(long timeoutMs) throws InterruptedException {
        Predicate<Thread> blocked = Time.clock() == clock && clock != Clock.SYSTEM ? Time::isThreadWaiting : t -> false;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        boolean settled = true;
        for (LocalTopologyRuntime t : running.values()) {
            settled &= t.awaitQuiescent(blocked, deadline);
        }
        if (!settled) {
            throw new IllegalStateException("The topologies " + getTopologyNames() + " did not settle within "
                    + timeoutMs + " ms: a spout that always has a tuple to emit never lets them; bound it with "
                    + "topology.max.spout.pending or let it sleep (Utils.sleep) when it has nothing to emit");
        }
    }

    /** Whether this cluster runs on a simulated clock that only moves when a test advances it. */
    public boolean isSimulatingTime() {
        return clock instanceof ManualClock;
    }

    /**
     * Storm's way to configure a local cluster. Supervisor and port counts are checked and otherwise ignored
     * (a local topology runs in one in-process worker), as are the Nimbus daemon and tracking options (every
     * local cluster can track topologies); the daemon configuration is the base of every topology's
     * configuration; {@link #withSimulatedTime()} runs the cluster on simulated time from 0, stopped again when
     * the cluster closes (unless the simulation was already running when it was built).
     */
    public static class Builder {
        private Map<String, Object> daemonConf = new HashMap<>();
        private boolean simulateTime;

        /** How many supervisors; must not be negative. */
        public Builder withSupervisors(int supervisors) {
            if (supervisors < 0) {
                throw new IllegalArgumentException("A local cluster's supervisor count must not be negative, got "
                        + supervisors);
            }
            return this;
        }

        /** How many worker ports each supervisor has; must not be negative. */
        public Builder withPortsPerSupervisor(int portsPerSupervisor) {
            if (portsPerSupervisor < 0) {
                throw new IllegalArgumentException("A local cluster's ports per supervisor must not be negative, got "
                        + portsPerSupervisor);
            }
            return this;
        }

        /** The lowest worker port; must be positive when given. */
        public Builder withSupervisorSlotPortMin(Number minPort) {
            if (minPort != null && minPort.intValue() <= 0) {
                throw new IllegalArgumentException("A local cluster's lowest worker port must be positive, got "
                        + minPort);
            }
            return this;
        }

        /** Replaces the daemon configuration (null keeps it). */
        public Builder withDaemonConf(Map<String, Object> conf) {
            if (conf != null) {
                daemonConf = new HashMap<>(conf);
            }
            return this;
        }

        /** Sets one key of the daemon configuration. */
        public Builder withDaemonConf(String key, Object value) {
            daemonConf.put(key, value);
            return this;
        }

        /** Accepted for Storm's tests: a local cluster has no Nimbus daemon to start. */
        public Builder withNimbusDaemon() {
            return this;
        }

        /** Accepted for Storm's tests: a local cluster has no Nimbus daemon to start. */
        public Builder withNimbusDaemon(Boolean nimbusDaemon) {
            return this;
        }

        /** Runs the cluster on simulated time. */
        public Builder withSimulatedTime() {
            return withSimulatedTime(true);
        }

        /** Whether the cluster runs on simulated time. */
        public Builder withSimulatedTime(boolean simulate) {
            simulateTime = simulate;
            return this;
        }

        /** Accepted for Storm's tests: every local cluster can track topologies. */
        public Builder withTracked() {
            return this;
        }

        /** Accepted for Storm's tests: every local cluster can track topologies. */
        public Builder withTracked(String trackId) {
            return this;
        }

        /** The cluster. */
        public LocalCluster build() {
            if (!simulateTime || Time.isSimulating()) {
                return new LocalCluster(daemonConf);
            }
            Time.SimulatedTime time = new Time.SimulatedTime();
            try {
                return new SimulatedTimeCluster(daemonConf, time);
            } catch (RuntimeException | Error e) {
                time.close();
                throw e;
            }
        }
    }

    /** A cluster that started simulated time for itself and stops it when closed. */
    private static final class SimulatedTimeCluster extends LocalCluster {
        private final Time.SimulatedTime time;

        SimulatedTimeCluster(Map<String, Object> daemonConf, Time.SimulatedTime time) {
            super(daemonConf);
            this.time = time;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                time.close();
            }
        }
    }
}
