package io.squall.daemon.nimbus;

import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Config;
import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.SupervisorInfo;
import io.squall.cluster.TopologyHistory;
import io.squall.cluster.TopologyInfo;
import io.squall.cluster.TopologyStatus;
import io.squall.cluster.WorkerSlot;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.ServedConf;
import io.squall.config.TopologySettings;
import io.squall.daemon.metrics.DaemonMetrics;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;
import io.squall.blobstore.BlobLocalizer;
import io.squall.blobstore.BlobStoreAclHandler;
import io.squall.blobstore.LocalFsBlobStore;
import io.squall.security.Authorizer;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.ReadableBlobMeta;
import io.squall.topology.SettableBlobMeta;
import io.squall.security.SecuritySettings;
import io.squall.runtime.TaskLayout;
import io.squall.runtime.routing.KeyGroups;
import io.squall.runtime.TopologyCheck;
import io.squall.runtime.logging.LogLevelSettings;
import io.squall.runtime.tap.DebugState;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import io.squall.serialization.TopologySerializer;
import io.squall.topology.ComponentSpec;
import io.squall.topology.StormTopology;
import io.squall.utils.VersionInfo;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The master daemon: accepts topologies over its HTTP/JSON API ({@link NimbusHttpServer}), stores their
 * code, assigns their executors to supervisors' slots ({@link EvenScheduler}) in ZooKeeper, and reassigns
 * when supervisors die. Several may run; a Curator leader latch makes one the leader and the others
 * standbys that refuse changes (503) until they take over. All state is in ZooKeeper and the code store, so
 * a restarted Nimbus picks up where it was. Requests are serialized on this object's lock; the monitor
 * runs on its own thread under the same lock.
 */
public final class Nimbus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Nimbus.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterState state;
    private final CodeStore code;
    /** The blob store, in the code store's directory, so Nimbus daemons that share it share the blobs. */
    private final LocalFsBlobStore blobs;
    private final LeaderLatch latch;
    private final NimbusHttpServer http;
    private final ScheduledExecutorService monitor;
    private final String address;
    /** When this Nimbus started, for its uptime. */
    private final long startTimeMs = System.currentTimeMillis();
    /** Task layouts by topology id, so the monitor does not reload code each round. Under this object's lock. */
    private final Map<String, CachedLayout> layouts = new HashMap<>();
    /** The metrics workers report. */
    private final NimbusMetrics metrics = new NimbusMetrics();
    /** The dashboards' stream taps, which the workers learn in the answers to their metrics reports. */
    private final NimbusTaps taps = new NimbusTaps(TimeUnit.MILLISECONDS.toNanos(TapFeed.LEASE_MILLIS));
    /** The log levels set on running topologies, which the workers learn in the answers to their metrics reports. */
    private final LogLevelSettings logLevels = new LogLevelSettings();
    /**
     * What is debugged (Storm's event logging), by topology name, handed to the workers with their metrics reports'
     * answers ({@link DebugState#percents()}). In memory, as the log levels.
     */
    private final Map<String, DebugState> debugged = new java.util.concurrent.ConcurrentHashMap<>();
    /** The profiling and debugging actions asked of workers, handed out with their metrics reports' answers. */
    private final NimbusProfiler profiler = new NimbusProfiler();
    /** The dashboards' state queries, which the workers learn in the answers to their metrics reports. */
    private final NimbusStateQueries stateQueries = new NimbusStateQueries();
    /** How long a supervisor may be missing from ZooKeeper before its workers move. */
    private final long supervisorTimeoutMs;
    /** How long an upload waits for its submission. */
    private final long uploadTimeoutMs;
    /** {@code logviewer.cleanup.age.mins}: how long a removed topology stays in the history. */
    private final long historyRetentionMs;
    /** When the leader last forgot old history. */
    private long historyCheckedMs;
    /** {@code nimbus.max.upload.bytes}: the most a JAR uploaded in chunks may hold. */
    private final long maxUploadBytes;
    /**
     * When each supervisor that an assignment uses was first seen missing, since this Nimbus last became the
     * leader. Under this object's lock.
     */
    private final Map<String, Long> missingSinceMs = new HashMap<>();
    /** Whether the last monitor round ran as the leader. Under this object's lock. */
    private boolean ledLastRound;
    /** Who may do what; open when authentication is off. */
    private final Authorizer authorizer;
    /** This daemon's own metrics (cluster:*, nimbus:*), for storm.daemon.metrics.reporter.plugins. */
    private final DaemonMetrics daemonMetrics;
    /** This Nimbus's configuration without its secrets, for {@code GET conf} (remoteconfvalue). */
    private final ServedConf servedConf;
    /** Component summaries by topology id, for the dashboard. Under this object's lock. */
    private final Map<String, CachedComponents> components = new HashMap<>();

    /** A topology's layout for the executor overrides it was computed with. */
    private record CachedLayout(Map<String, Integer> overrides, TaskLayout layout) { }

    /** A topology's component summaries for the executor overrides they were computed with. */
    private record CachedComponents(Map<String, Integer> overrides, List<Map<String, Object>> components) { }

    /** Connects to ZooKeeper, joins the leader election and starts serving. */
    public Nimbus(DaemonConfig conf) throws Exception {
        // First: a bad reporter setting refuses to start.
        this.daemonMetrics = DaemonMetrics.start(conf.asMap(), "nimbus@" + conf.getString(ConfigKeys.NIMBUS_HOST) + ":"
                + conf.getInt(ConfigKeys.NIMBUS_PORT));
        try {
            this.state = ClusterState.connect(conf);
        } catch (RuntimeException e) {
            daemonMetrics.close();
            throw e;
        }
        Path dir = Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "nimbus");
        this.servedConf = ServedConf.of(conf.asMap());
        this.code = new CodeStore(dir);
        this.supervisorTimeoutMs = conf.getInt(ConfigKeys.NIMBUS_SUPERVISOR_TIMEOUT_SECS) * 1000L;
        this.uploadTimeoutMs = conf.getInt(ConfigKeys.NIMBUS_UPLOAD_TIMEOUT_SECS) * 1000L;
        this.maxUploadBytes = conf.getInt(ConfigKeys.NIMBUS_MAX_UPLOAD_BYTES);
        this.historyRetentionMs = conf.getInt(ConfigKeys.LOGVIEWER_CLEANUP_AGE_MINS) * 60_000L;
        deleteStaleUploads();
        SecuritySettings security = SecuritySettings.of(conf);
        security.checkBind("Nimbus", conf.getString(ConfigKeys.NIMBUS_HOST), security.authenticates(),
                "squall.auth.users.file and squall.cluster.secret.file");
        this.authorizer = security.authorizer();
        this.blobs = new LocalFsBlobStore(dir.resolve("blobs"), authorizer);
        this.http = new NimbusHttpServer(this, conf.getString(ConfigKeys.NIMBUS_HOST),
                conf.getInt(ConfigKeys.NIMBUS_PORT), conf.getInt(ConfigKeys.NIMBUS_MAX_UPLOAD_BYTES), security);
        this.address = conf.getString(ConfigKeys.NIMBUS_HOST) + ":" + http.port();
        this.latch = new LeaderLatch(state.curator(), state.path("/nimbus/leader"), address);
        latch.start();
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nimbus-monitor");
            t.setDaemon(true);
            return t;
        });
        long every = conf.getInt(ConfigKeys.NIMBUS_MONITOR_FREQ_MS);
        monitor.scheduleWithFixedDelay(this::monitorSafely, every, every, TimeUnit.MILLISECONDS);
        registerDaemonMetrics();
        LOG.info("Nimbus serving on {} (code store {})", address, dir.toAbsolutePath());
    }

    /**
     * Storm's cluster metrics, as this Nimbus sees the cluster in ZooKeeper when they are reported. The cluster
     * summary's names start with {@code summary.} as Storm's registry has them (its documentation leaves it out).
     */
    private void registerDaemonMetrics() {
        daemonMetrics.meter("nimbus:num-launched").mark();
        daemonMetrics.gauge("summary.cluster:num-nimbus-leaders", () -> leader() == null ? 0 : 1);
        daemonMetrics.gauge("summary.cluster:num-nimbuses", () -> {
            try {
                return latch.getParticipants().size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        daemonMetrics.gauge("summary.cluster:num-supervisors", () -> state.supervisors().size());
        daemonMetrics.gauge("summary.cluster:num-topologies", () -> state.topologies().size());
        daemonMetrics.gauge("summary.cluster:num-total-workers", () -> state.supervisors().stream()
                .mapToInt(s -> s.ports().size()).sum());
        daemonMetrics.gauge("summary.cluster:num-total-used-workers", () -> state.assignments().stream()
                .mapToInt(a -> a.workers().size()).sum());
    }

    /** This Nimbus's own metrics. */
    public DaemonMetrics daemonMetrics() {
        return daemonMetrics;
    }

    /** This Nimbus's {@code host:port}. */
    public String address() {
        return address;
    }

    /** Whether this Nimbus is the leader now. */
    public boolean isLeader() {
        return latch.hasLeadership();
    }

    /** The leader's {@code host:port}, or null if there is none now. */
    public String leader() {
        try {
            String id = latch.getLeader().getId();
            return id.isEmpty() ? null : id;
        } catch (Exception e) {
            return null;
        }
    }

    private void requireLeader() {
        if (!isLeader()) {
            throw new NimbusException(503, "This Nimbus (" + address + ") is a standby; the leader is "
                    + (leader() == null ? "not elected yet" : leader()));
        }
    }

    /** Stores an uploaded topology JAR; returns its upload id. */
    public synchronized String upload(byte[] jar) throws IOException {
        requireLeader();
        if (jar.length < 4 || jar[0] != 'P' || jar[1] != 'K') {
            throw new NimbusException(400, "The upload is not a JAR (zip) file");
        }
        return code.upload(jar);
    }

    /** Starts an upload of a topology JAR in chunks (Storm's {@code beginFileUpload}); returns its upload id. */
    public String beginUpload() throws IOException {
        daemonMetrics.meter("nimbus:num-beginFileUpload-calls").mark();
        requireLeader();
        return code.beginUpload();
    }

    /**
     * Appends a chunk to an open upload (Storm's {@code uploadChunk}); returns the upload's size now.
     *
     * @throws NimbusException 404 if no upload of that id is open; 413 if the upload would exceed
     *                         {@code nimbus.max.upload.bytes} (the upload is dropped)
     */
    public long appendUpload(String uploadId, byte[] chunk) throws IOException {
        daemonMetrics.meter("nimbus:num-uploadChunk-calls").mark();
        requireLeader();
        Path part = code.part(uploadId);
        if (part != null && Files.size(part) + chunk.length > maxUploadBytes) {
            Files.deleteIfExists(part);
            throw new NimbusException(413, "Upload '" + uploadId + "' would exceed nimbus.max.upload.bytes ("
                    + maxUploadBytes + "); it was dropped. Raise the limit on Nimbus "
                    + "or make the topology JAR smaller");
        }
        long size = code.appendUpload(uploadId, chunk);
        if (size < 0) {
            throw new NimbusException(404, noOpenUpload(uploadId));
        }
        return size;
    }

    /**
     * Closes an open upload (Storm's {@code finishFileUpload}): a submission may name it from now on.
     *
     * @throws NimbusException 404 if no upload of that id is open; 400 if what it holds is not a JAR (it is dropped)
     */
    public void finishUpload(String uploadId) throws IOException {
        daemonMetrics.meter("nimbus:num-finishFileUpload-calls").mark();
        requireLeader();
        Path part = code.part(uploadId);
        if (part == null) {
            throw new NimbusException(404, noOpenUpload(uploadId));
        }
        byte[] head = new byte[2];
        try (var in = Files.newInputStream(part)) {
            if (in.readNBytes(head, 0, 2) < 2 || head[0] != 'P' || head[1] != 'K') {
                Files.deleteIfExists(part);
                throw new NimbusException(400, "Upload '" + uploadId + "' is not a JAR (zip) file; it was dropped");
            }
        }
        try {
            code.finishUpload(uploadId);
        } catch (NoSuchFileException e) {
            throw new NimbusException(404, noOpenUpload(uploadId));
        }
    }

    private static String noOpenUpload(String uploadId) {
        return "No upload is open with id '" + uploadId + "': begin one (beginFileUpload) and send its chunks before "
                + "finishing it; an upload that gets no chunk for nimbus.upload.timeout.secs is deleted";
    }

    /**
     * Validates and starts a topology, active or with its spouts deactivated (Storm's {@code INACTIVE}), with the
     * credentials its {@code ICredentialsListener} components are given before they open (none: null or empty).
     *
     * @param topologyBase64 the Java-serialized topology, base64
     * @return {@code id}, and {@code workers} it got of the {@code workersRequested}
     */
    public synchronized Map<String, Object> submit(String user, String name, String uploadId, String topologyBase64,
                                                   Map<String, Object> conf, boolean inactive,
                                                   Map<String, String> credentials) throws IOException {
        daemonMetrics.meter("nimbus:num-submitTopology-calls").mark();
        requireLeader();
        validateName(name);
        if (find(name) != null) {
            throw new NimbusException(409, "Topology '" + name + "' is already running; kill it first or pick "
                    + "another name");
        }
        Path jar = code.uploaded(uploadId);
        if (jar == null) {
            throw new NimbusException(400, code.part(uploadId) != null ? "The upload '" + uploadId + "' is not "
                    + "finished: finish it (finishFileUpload) before submitting" : "No uploaded JAR with id '"
                    + uploadId + "': upload the JAR first");
        }
        if (topologyBase64 == null) {
            throw new NimbusException(400, "The submission has no 'topology'");
        }
        byte[] topologyBytes;
        try {
            topologyBytes = Base64.getDecoder().decode(topologyBase64);
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, "'topology' is not base64: " + e.getMessage());
        }
        Map<String, Object> topoConf = new LinkedHashMap<>(conf == null ? Map.of() : conf);
        topoConf.put(Config.TOPOLOGY_NAME, name);
        if (user != null) {
            topoConf.put(Authorizer.OWNER_KEY, user);
        } else {
            topoConf.remove(Authorizer.OWNER_KEY);
        }
        checkBlobMap(user, topoConf);
        long now = System.currentTimeMillis();
        String id = name + "-" + now;
        TopologyInfo info;
        Assignment a;
        TaskLayout layout;
        try {
            layout = validate(jar, topologyBytes, topoConf);
            info = new TopologyInfo(id, name, inactive ? TopologyStatus.INACTIVE : TopologyStatus.ACTIVE, now,
                    TopologySettings.from(topoConf).workers(), Map.of(), 0, topoConf);
            a = EvenScheduler.schedule(id, 1, info.workers(), layout, state.supervisors(), usedSlots(id), now);
        } catch (NimbusException e) {
            Files.deleteIfExists(jar); // An upload serves one submission; a refused one leaves nothing behind.
            throw e;
        }
        code.store(id, jar, topologyBytes, JSON.writeValueAsBytes(topoConf));
        if (credentials != null && !credentials.isEmpty()) {
            state.setCredentials(id, credentials); // Before the assignment: the first workers start with them.
        }
        state.setTopology(info);
        state.setAssignment(a);
        LOG.info("Submitted topology {} as {} on {} workers", name, id, a.workers().size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.putAll(placement(a, info.workers(), layout.executors().size()));
        return answer;
    }

    private static TaskLayout validate(Path jar, byte[] topologyBytes, Map<String, Object> conf) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Nimbus.class.getClassLoader())) {
            TopologySettings.from(conf);
            StormTopology topology = TopologySerializer.deserialize(topologyBytes, loader);
            TopologyCheck.Checked checked = TopologyCheck.check(topology, conf, loader);
            return new TaskLayout(topology, checked.settings().ackerExecutors());
        } catch (NimbusException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NimbusException(400, e.getMessage());
        }
    }

    /** Checks that every blob {@code topology.blobstore.map} names exists and that the submitter may read it. */
    private void checkBlobMap(String user, Map<String, Object> topoConf) throws IOException {
        List<BlobLocalizer.Mapping> mappings;
        try {
            mappings = BlobLocalizer.mappings(topoConf);
        } catch (RuntimeException e) {
            throw new NimbusException(400, e.getMessage());
        }
        for (BlobLocalizer.Mapping m : mappings) {
            if (!blobs.exists(m.key())) {
                throw new NimbusException(400, BlobLocalizer.BLOBSTORE_MAP + " names the blob '" + m.key() + "', which "
                        + "is not in the blob store: create it first (bin/squall blobstore create --file FILE "
                        + m.key() + ")");
            }
            blob(() -> blobs.meta(user, m.key()));
        }
    }

    /** A call of the blob store. */
    private interface BlobCall<T> {
        T call() throws IOException;
    }

    /** Runs a blob store call, answering its refusals with their HTTP status. */
    private static <T> T blob(BlobCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (KeyNotFoundException e) {
            throw new NimbusException(404, "key-not-found", e.getMessage());
        } catch (KeyAlreadyExistsException e) {
            throw new NimbusException(409, "key-exists", e.getMessage());
        } catch (io.squall.topology.AuthorizationException e) {
            throw new NimbusException(403, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
    }

    /** Every blob key. */
    public List<String> listBlobs() throws IOException {
        return blobs.keys();
    }

    /** A blob's meta: {@code acl}, {@code replication}, {@code version}. */
    public Map<String, Object> blobMeta(String user, String key) throws IOException {
        ReadableBlobMeta meta = blob(() -> blobs.meta(user, key));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("acl", meta.get_settable().get_acl().stream().map(BlobStoreAclHandler::accessControlToString).toList());
        if (meta.get_settable().is_set_replication_factor()) {
            m.put("replication", meta.get_settable().get_replication_factor());
        }
        m.put("version", meta.get_version());
        return m;
    }

    /** A blob's content and version. */
    public LocalFsBlobStore.Blob getBlob(String user, String key) throws IOException {
        return blob(() -> blobs.get(user, key));
    }

    /** Creates a blob with the comma-separated {@code acl} ({@code u:alice:rwa,o::r--}). */
    public void createBlob(String user, String key, String acl, Integer replication, byte[] content)
            throws IOException {
        requireLeader();
        blob(() -> {
            SettableBlobMeta meta = new SettableBlobMeta(BlobStoreAclHandler.parseAccessControls(acl));
            if (replication != null) {
                meta.set_replication_factor(replication);
            }
            return blobs.create(user, key, meta, content);
        });
        LOG.info("Blob {} created by {}", key, user == null ? "a user" : user);
    }

    /** Replaces a blob's content; returns its new version. */
    public long updateBlob(String user, String key, byte[] content) throws IOException {
        requireLeader();
        long version = blob(() -> blobs.update(user, key, content));
        LOG.info("Blob {} updated to version {}", key, version);
        return version;
    }

    /** Replaces a blob's ACL and replication factor. */
    public void setBlobMeta(String user, String key, List<String> acl, Integer replication) throws IOException {
        requireLeader();
        blob(() -> {
            SettableBlobMeta meta = new SettableBlobMeta(BlobStoreAclHandler.parseAccessControls(String.join(",",
                    acl)));
            if (replication != null) {
                meta.set_replication_factor(replication);
            }
            blobs.setMeta(user, key, meta);
            return null;
        });
    }

    /** Deletes a blob. */
    public void deleteBlob(String user, String key) throws IOException {
        requireLeader();
        blob(() -> {
            blobs.delete(user, key);
            return null;
        });
        LOG.info("Blob {} deleted", key);
    }

    private static void validateName(String name) {
        if (!isValidName(name)) {
            throw new NimbusException(400, "Topology name '" + name + "' must be non-empty and made of letters, "
                    + "digits, '-' and '_'");
        }
    }

    /** Every topology {@code user} may view, with its status, workers and the actions the user may take. */
    public synchronized List<Map<String, Object>> list(String user) {
        requireLeader();
        List<Map<String, Object>> out = new ArrayList<>();
        for (TopologyInfo t : state.topologies()) {
            if (authorizer.permits(user, Authorizer.Action.VIEW, t.conf())) {
                out.add(summary(t, user));
            }
        }
        return out;
    }

    /** One topology's summary, by name, with the last errors of its components. */
    public synchronized Map<String, Object> status(String user, String name) {
        daemonMetrics.meter("nimbus:num-getTopologyInfo-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.VIEW, "view");
        Map<String, Object> m = summary(t, user);
        m.put("errors", state.errors(t.id()));
        m.put("debug", debugOptions(t));
        return m;
    }

    private Map<String, Object> summary(TopologyInfo t, String user) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("owner", t.conf().get(Authorizer.OWNER_KEY));
        m.put("actions", authorizer.permits(user, Authorizer.Action.OPERATE, t.conf())
                ? List.of("kill", "activate", "deactivate", "rebalance") : List.of());
        m.put("id", t.id());
        m.put("status", t.status().name());
        m.put("uptimeSecs", (System.currentTimeMillis() - t.launchTimeMs()) / 1000);
        Assignment a = state.assignment(t.id());
        List<String> workers = new ArrayList<>();
        if (a != null) {
            for (WorkerSlot w : a.workers()) {
                workers.add(w.name());
            }
        }
        m.put("workers", workers);
        m.put("workersRequested", t.workers());
        // The components' executors and tasks, ackers not counted, as the worker log and local mode count them.
        try {
            TaskLayout layout = layoutOf(t);
            m.put("executors", layout.componentExecutors());
            m.put("tasks", layout.componentTasks());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the code of {} to count its executors: {}", t.id(), e.toString());
            m.put("executors", null);
            m.put("tasks", null);
        }
        return m;
    }

    /**
     * Deactivates a topology's spouts now and stops its workers after {@code waitSecs} (null: its
     * {@code topology.message.timeout.secs}, as Storm); returns the wait.
     */
    public synchronized int kill(String user, String name, Integer waitSecs) {
        daemonMetrics.meter("nimbus:num-killTopology-calls").mark();
        requireLeader();
        if (waitSecs != null && waitSecs < 0) {
            throw new NimbusException(400, "The kill wait must be at least 0 seconds, got " + waitSecs);
        }
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "kill");
        int wait = waitSecs != null ? waitSecs : TopologySettings.from(t.conf()).messageTimeoutSecs();
        state.setTopology(t.killedAt(System.currentTimeMillis() + wait * 1000L));
        LOG.info("Killing topology {} in {}s", t.id(), wait);
        if (wait == 0) {
            monitorOnce();
        }
        return wait;
    }

    /**
     * Sets loggers of a running topology's workers to levels ({@code LEVEL} or {@code LEVEL:SECONDS}, logger
     * {@code ROOT} for the root) and puts others back ({@code reset}), as Storm's {@code setLogConfig}; the workers
     * apply it after their next metrics report. Returns the settings now in force, with when each ends (0: never).
     */
    public Map<String, Object> setLogLevels(String user, String name, Map<String, String> set, List<String> reset) {
        daemonMetrics.meter("nimbus:num-setLogConfig-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "set log levels of");
        try {
            return levelsAnswer(logLevels.change(t.name(), set, reset, System.currentTimeMillis()));
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
    }

    /**
     * Gives a running topology new credentials, as Storm's {@code uploadNewCredentials}: its workers read them at their
     * next heartbeat and their executors tell their {@code ICredentialsListener} tasks.
     *
     * @param expectedOwner the user the caller expects to own the topology, or null
     * @throws NimbusException 403 when the topology's owner is not {@code expectedOwner}, or the user may not operate
     *                         it; 400 for a null key or value
     */
    public Map<String, Object> uploadCredentials(String user, String name, Map<String, String> credentials,
                                                 String expectedOwner) {
        daemonMetrics.meter("nimbus:num-uploadNewCredentials-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "upload credentials to");
        Object owner = t.conf().get(Authorizer.OWNER_KEY);
        if (expectedOwner != null && !expectedOwner.equals(owner)) {
            throw new NimbusException(403, "Topology '" + name + "' is owned by " + (owner == null ? "no user"
                    : "'" + owner + "'") + ", not '" + expectedOwner + "': its credentials were not changed");
        }
        if (credentials == null || credentials.entrySet().stream().anyMatch(e -> e.getKey() == null
                || e.getValue() == null)) {
            throw new NimbusException(400, "Credentials are an object of string keys and string values");
        }
        state.setCredentials(t.id(), credentials);
        LOG.info("New credentials for topology {}: keys {}", t.id(), new TreeSet<>(credentials.keySet()));
        return Map.of("ok", true, "keys", new TreeSet<>(credentials.keySet()));
    }

    /** The log levels set on a running topology and still in force, as {@link #setLogLevels} answers them. */
    public Map<String, Object> logLevels(String user, String name) {
        daemonMetrics.meter("nimbus:num-getLogConfig-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.VIEW, "read the log levels of");
        return levelsAnswer(logLevels.current(t.name(), System.currentTimeMillis()));
    }

    private static Map<String, Object> levelsAnswer(Map<String, LogLevelSettings.Setting> levels) {
        return new LinkedHashMap<>(LogLevelSettings.listed(levels));
    }

    /**
     * Asks a worker of a running topology ({@code host:port}) for a profiling or debugging action, as Storm's
     * {@code setWorkerProfiler}: {@code dumpjstack}, {@code dumpheap}, {@code restartworker}, {@code start} (a JFR
     * recording of {@code minutes}), {@code dumpprofile} or {@code stop}. The worker carries it out after its next
     * metrics report, writing dumps beside its log ({@code worker-ID-PORT.jstack-TIME.txt}, {@code .heap-TIME.hprof},
     * {@code .recording-TIME.jfr}), where the logviewer serves them.
     *
     * @throws NimbusException 404 for a worker the topology does not run on, naming its workers; 400 for an unknown
     *                         action or a start without minutes
     */
    public Map<String, Object> profile(String user, String name, String worker, String action, int minutes) {
        daemonMetrics.meter("nimbus:num-setWorkerProfiler-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "profile");
        Set<String> workers = new TreeSet<>();
        Assignment a = state.assignment(t.id());
        for (WorkerSlot w : a == null ? List.<WorkerSlot>of() : a.workers()) {
            workers.add(w.name());
        }
        if (!workers.contains(worker)) {
            throw new NimbusException(404, "Topology '" + name + "' has no worker '" + worker + "': it runs on "
                    + workers + " (HOST:PORT)");
        }
        profiler.ask(t.name(), worker, action, minutes, System.currentTimeMillis());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("topologyId", t.id());
        answer.put("worker", worker);
        answer.put("action", action);
        answer.put("recording", profiler.recording(t.name(), System.currentTimeMillis()));
        return answer;
    }

    /**
     * The profiling actions pending on a running topology's workers (Storm's {@code getComponentPendingProfileActions}
     * reads them): by worker ({@code host:port}), {@code recordingUntilMs} while it records and {@code asked}, the
     * one-time actions it has not taken yet.
     */
    public Map<String, Map<String, Object>> pendingProfileActions(String user, String name) {
        daemonMetrics.meter("nimbus:num-getComponentPendingProfileActions-calls").mark();
        TopologyInfo t = require(user, name, Authorizer.Action.VIEW, "read the profiling actions of");
        return profiler.pending(t.name(), System.currentTimeMillis());
    }

    /**
     * Starts or stops debugging a topology ({@code component} empty) or a component, as Storm's {@code debug}: the
     * workers sample {@code percent} of what its executors emit to the topology's event loggers after their next
     * metrics report. Answers what is debugged now, by component ({@code ""}: the whole topology).
     *
     * @throws NimbusException 404 for an unknown component, 400 for a percentage not in (0, 100] when enabling
     */
    public Map<String, Object> debug(String user, String name, String component, boolean enable, double percent)
            throws IOException {
        daemonMetrics.meter("nimbus:num-debug-calls").mark();
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "debug");
        String key = component == null ? "" : component;
        if (!key.isEmpty()) {
            Set<String> ids = new TreeSet<>();
            components(user, name).forEach(c -> ids.add((String) c.get("id")));
            if (!ids.contains(key)) {
                throw new NimbusException(404, "Topology '" + name + "' has no component '" + key + "' (it has "
                        + ids + ")");
            }
        }
        DebugState now;
        try {
            now = debugged.compute(t.name(), (n, before) -> (before == null ? DebugState.NONE : before)
                    .with(key, enable, percent));
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
        return new LinkedHashMap<>(now.percents());
    }

    /** What is debugged in a topology, as Storm's {@code component_debug} keys it (the topology under its id). */
    private Map<String, Object> debugOptions(TopologyInfo t) {
        Map<String, Object> out = new LinkedHashMap<>();
        debugged.getOrDefault(t.name(), DebugState.NONE).stormView(t.id()).forEach((k, o) -> out.put(k,
                Map.of("enable", o.is_enable(), "samplingPct", o.get_samplingpct())));
        return out;
    }

    public synchronized void activate(String user, String name) {
        daemonMetrics.meter("nimbus:num-activate-calls").mark();
        setStatus(user, name, TopologyStatus.ACTIVE, "activate");
    }

    /** Stops a topology's spouts from emitting. */
    public synchronized void deactivate(String user, String name) {
        daemonMetrics.meter("nimbus:num-deactivate-calls").mark();
        setStatus(user, name, TopologyStatus.INACTIVE, "deactivate");
    }

    private void setStatus(String user, String name, TopologyStatus status, String action) {
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, action);
        requireNotRebalancing(t, action);
        state.setTopology(t.withStatus(status));
    }

    /**
     * Reassigns a topology over {@code workers} workers (0 keeps the count) with the given executors per
     * component; its workers restart with the new assignment. As Storm's: the topology is REBALANCING for
     * {@code waitSecs} first (null: its {@code topology.message.timeout.secs}), its spouts deactivated so that the
     * tuples in flight can complete, then it is reassigned and gets its status back. The request is checked now
     * (a refused one changes nothing); a wait of 0 reassigns it at once and answers what it got.
     */
    public synchronized Map<String, Object> rebalance(String user, String name, int workers,
                                                      Map<String, Integer> executors, Integer waitSecs)
            throws IOException {
        daemonMetrics.meter("nimbus:num-rebalance-calls").mark();
        requireLeader();
        if (workers < 0) {
            throw new NimbusException(400, "The number of workers must be at least 1, got " + workers);
        }
        if (waitSecs != null && waitSecs < 0) {
            throw new NimbusException(400, "The rebalance wait must be at least 0 seconds, got " + waitSecs);
        }
        TopologyInfo t = require(user, name, Authorizer.Action.OPERATE, "rebalance");
        requireNotRebalancing(t, "rebalance");
        int wait = waitSecs != null ? waitSecs : TopologySettings.from(t.conf()).messageTimeoutSecs();
        TopologyInfo.PendingRebalance pending = new TopologyInfo.PendingRebalance(
                System.currentTimeMillis() + wait * 1000L, workers, Map.copyOf(executors), t.status());
        if (wait == 0) {
            return reassign(t, pending);
        }
        newLayout(t, pending); // Refused now, not when the wait is over.
        state.setTopology(t.rebalancing(pending));
        LOG.info("Rebalancing {} in {}s: spouts deactivated meanwhile", t.id(), wait);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rebalancingInSecs", wait);
        m.put("workersRequested", workers == 0 ? t.workers() : workers);
        return m;
    }

    /** Refuses {@code what} while a rebalance waits, as Storm does. */
    private static void requireNotRebalancing(TopologyInfo t, String what) {
        if (t.status() == TopologyStatus.REBALANCING && t.rebalance() != null) {
            long secs = Math.max(0, (t.rebalance().atMs() - System.currentTimeMillis() + 999) / 1000);
            throw new NimbusException(409, "Cannot " + what + " topology '" + t.name() + "' while it is being "
                    + "rebalanced: it is reassigned in " + secs + " s and then gets its status ("
                    + t.rebalance().resumeStatus() + ") back; try again then, or kill it");
        }
    }

    /** The topology as {@code pending} makes it, and its layout, checked against the current one. */
    private Map.Entry<TopologyInfo, TaskLayout> newLayout(TopologyInfo t, TopologyInfo.PendingRebalance pending)
            throws IOException {
        Map<String, Integer> overrides = new HashMap<>(t.executorOverrides());
        overrides.putAll(pending.executors());
        TopologyInfo updated = t.rebalanced(pending.workers() == 0 ? t.workers() : pending.workers(), overrides,
                pending.resumeStatus());
        try {
            TaskLayout before = layoutOf(t);
            TaskLayout layout = layoutOf(updated);
            layout.checkRescale(topologyOf(updated), before, KeyGroups.count(t.conf()));
            return Map.entry(updated, layout);
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
    }

    /** Carries out a rebalance: the new assignment, and the status from before it. */
    private Map<String, Object> reassign(TopologyInfo t, TopologyInfo.PendingRebalance pending) throws IOException {
        Map.Entry<TopologyInfo, TaskLayout> next = newLayout(t, pending);
        TopologyInfo updated = next.getKey();
        TaskLayout layout = next.getValue();
        Assignment old = state.assignment(t.id());
        // A rebalance deals the executors afresh into groups numbered past the old ones, so every worker restarts
        // with the new layout, also one that keeps its slot (a worker reads the executor counts only at start).
        int firstGroup = old == null ? 0 : old.workers().stream().flatMap(w -> w.groups().stream())
                .mapToInt(WorkerSlot.TaskGroup::id).max().orElse(-1) + 1;
        Assignment a = EvenScheduler.schedule(t.id(), old == null ? 1 : old.version() + 1, updated.workers(), layout,
                state.supervisors(), usedSlots(t.id()), System.currentTimeMillis(), firstGroup);
        state.setTopology(updated);
        state.setAssignment(a);
        LOG.info("Rebalanced {} over {} workers", t.id(), a.workers().size());
        return placement(a, updated.workers(), layout.executors().size());
    }

    /**
     * Carries out the rebalance of a REBALANCING topology whose wait is over; one that can no longer be done (its
     * layout refused now) is logged and dropped, and the topology gets its status back.
     */
    private void finishRebalance(TopologyInfo t) {
        TopologyInfo.PendingRebalance pending = t.rebalance();
        if (pending == null) { // Not expected (REBALANCING is always written with its rebalance): just resume.
            state.setTopology(t.withStatus(TopologyStatus.ACTIVE));
            return;
        }
        try {
            reassign(t, pending);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot rebalance {} after its wait: {}; it keeps its assignment and goes back to {}", t.id(),
                    e.getMessage(), pending.resumeStatus());
            state.setTopology(t.rebalanced(t.workers(), t.executorOverrides(), pending.resumeStatus()));
        }
    }

    /**
     * How many workers an assignment got of those asked for, so a client can say when it is fewer (not enough
     * free slots, or fewer executors than workers).
     */
    private static Map<String, Object> placement(Assignment a, int workersRequested, int executors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workers", a.workers().size());
        m.put("workersRequested", workersRequested);
        m.put("executors", executors);
        return m;
    }

    /** A file of a topology's code, for a user who may view it; any Nimbus that shares the code store serves it. */
    public Path code(String user, String topologyId, CodeStore.Part part) {
        if (authorizer != null && !authorizer.isAdmin(user)) {
            TopologyInfo t = state.topology(topologyId);
            if (t == null || !authorizer.permits(user, Authorizer.Action.VIEW, t.conf())) {
                throw new NimbusException(t == null ? 404 : 403, t == null ? "No topology with id '" + topologyId
                        + "'" : denied(user, "download the code of", t));
            }
        }
        return code(topologyId, part);
    }

    private Path code(String topologyId, CodeStore.Part part) {
        Path p = code.file(topologyId, part);
        if (p == null) {
            throw new NimbusException(404, "No " + part.name().toLowerCase() + " for topology id '" + topologyId + "'");
        }
        return p;
    }

    /**
     * This Nimbus's configuration (Storm's {@code getNimbusConf}) without the keys that name a secret:
     * {@code {"conf": {...}, "withheld": [KEY...]}}. With authentication on, any authenticated user may read it, as
     * in Storm.
     */
    public Map<String, Object> conf() {
        daemonMetrics.meter("nimbus:num-getNimbusConf-calls").mark();
        return servedConf.answer();
    }

    /** Whether Nimbus withholds a config key from {@link #conf()}: its name says it holds a secret. */
    public static boolean namesSecret(String key) {
        return ServedConf.namesSecret(key);
    }

    /**
     * Live supervisors, this Nimbus's role, start time and version, and every Nimbus in the leader election
     * ({@code nimbuses}: {@code address} and {@code isLeader} each).
     */
    public Map<String, Object> cluster() {
        daemonMetrics.meter("nimbus:num-getClusterInfo-calls").mark();
        Map<String, Object> m = new LinkedHashMap<>();
        String leader = leader();
        m.put("nimbus", address);
        m.put("leader", leader);
        m.put("isLeader", isLeader());
        m.put("startTimeMs", startTimeMs);
        m.put("version", VersionInfo.getVersion());
        m.put("supervisors", state.supervisors());
        List<Map<String, Object>> nimbuses = new ArrayList<>();
        try {
            for (Participant p : latch.getParticipants()) {
                nimbuses.add(Map.of("address", p.getId(), "isLeader", p.getId().equals(leader)));
            }
        } catch (Exception e) {
            // ZooKeeper cannot be asked now: this Nimbus alone is known.
            nimbuses.add(Map.of("address", address, "isLeader", address.equals(leader)));
        }
        m.put("nimbuses", nimbuses);
        return m;
    }

    /** Whether {@code name} is one a topology may be submitted under (letters, digits, '-' and '_'). */
    static boolean isValidName(String name) {
        return name != null && !name.isBlank() && name.matches("[A-Za-z0-9_-]+");
    }

    /**
     * Takes a worker's metrics snapshot (JSON, as {@link io.squall.metrics.builtin.WorkerMetrics#snapshot()}
     * makes it) into the topology's aggregates.
     *
     * @param signedBy the topology whose secret signed the report, or null when reports are not signed
     * @throws NimbusException 400 for a malformed snapshot, 401 if it is about another topology than the one that
     *                         signed it, 404 if its topology is not running
     */
    public Map<String, Object> reportMetrics(byte[] snapshotJson, String signedBy) {
        daemonMetrics.meter("nimbus:process-worker-metric-calls").mark();
        requireLeader();
        Snapshots.Worker s = NimbusMetrics.parse(snapshotJson);
        if (signedBy != null && !signedBy.equals(s.topologyId())) {
            throw new NimbusException(401, "Metrics report refused: signed by topology " + signedBy
                    + " but about topology " + s.topologyId());
        }
        metrics.record(s, w -> {
            TopologyInfo t = state.topology(w.topologyId());
            return t != null && t.name().equals(w.topology());
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("taps", taps.wanted(s.topology(), System.nanoTime()));
        answer.put("stateQueries", stateQueries.pending(s.topology(), s.worker()));
        answer.put("logLevels", logLevels.current(s.topology(), System.currentTimeMillis()));
        answer.put("profile", profiler.take(s.topology(), s.worker(), System.currentTimeMillis()));
        answer.put("debug", debugged.getOrDefault(s.topology(), DebugState.NONE).percents());
        return answer;
    }

    /**
     * Reads a stateful bolt's committed state from the workers that run its tasks: with a key, its value and the task
     * that holds it; without, each task's state size. Each of those workers answers right after its next metrics
     * report, so the answer comes within about one report interval; the future fails with a {@link NimbusException}:
     * 404 for an unknown component or one without queryable state, 504 when a worker does not answer within
     * {@link #stateQueryTimeoutMs}.
     */
    public synchronized CompletableFuture<Map<String, Object>> readState(String user, String name, String component,
                                                                        String key) throws IOException {
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.VIEW, "view");
        Set<Integer> tasks = new HashSet<>();
        for (TaskLayout.ExecutorTasks e : layoutOf(t).executors()) {
            if (e.componentId().equals(component)) {
                Arrays.stream(e.tasks()).forEach(tasks::add);
            }
        }
        if (tasks.isEmpty()) {
            Set<String> ids = new TreeSet<>();
            components(user, name).forEach(c -> ids.add((String) c.get("id")));
            throw new NimbusException(404, "Topology '" + name + "' has no component '" + component + "' (it has "
                    + ids + ")");
        }
        Set<String> workers = new TreeSet<>();
        Assignment a = state.assignment(t.id());
        for (WorkerSlot w : a == null ? List.<WorkerSlot>of() : a.workers()) {
            if (w.tasks().stream().anyMatch(tasks::contains)) {
                workers.add(w.name());
            }
        }
        return stateQueries.ask(name, component, key, workers, stateQueryTimeoutMs(t.conf()),
                (delayMs, task) -> monitor.schedule(task, delayMs, TimeUnit.MILLISECONDS));
    }

    /**
     * How long a state query waits for the workers: three of their metrics report intervals, which is when they
     * learn of it, and five seconds more to read and send the answer.
     */
    static long stateQueryTimeoutMs(Map<String, Object> topoConf) {
        Object every = topoConf.get(ConfigKeys.TOPOLOGY_METRICS_SNAPSHOT_INTERVAL_SECS.name());
        long secs = every instanceof Number n ? Math.max(1, n.longValue())
                : ((Number) ConfigKeys.TOPOLOGY_METRICS_SNAPSHOT_INTERVAL_SECS.defaultValue()).longValue();
        return 5_000 + 3 * secs * 1000;
    }

    /**
     * Takes a worker's answers to state queries (see {@link NimbusStateQueries#answer}).
     *
     * @param signedBy the topology whose secret signed the report, or null when reports are not signed
     * @throws NimbusException 400 for a malformed report, 401 if it is about another topology than the one that
     *                         signed it
     */
    public void reportState(byte[] body, String signedBy) throws IOException {
        requireLeader();
        JsonNode report;
        try {
            report = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NimbusException(400, "A state answer must be JSON: " + e.getOriginalMessage());
        }
        if (signedBy != null) {
            TopologyInfo t = state.topology(signedBy);
            if (t == null || !t.name().equals(report.path("topology").asText())) {
                throw new NimbusException(401, "State answer refused: signed by topology " + signedBy
                        + " but about topology " + report.path("topology").asText());
            }
        }
        stateQueries.answer(report);
    }

    /**
     * Opens (or keeps open) a dashboard's tap on a stream of a running topology and returns what its workers sampled
     * after number {@code after}. The workers start sampling at their next metrics report.
     */
    public TapFeed.Read readTap(String user, String name, TapKey stream, int maxPerSec, long after)
            throws IOException {
        requireLeader();
        Map<String, Set<String>> streams = new HashMap<>();
        for (Map<String, Object> c : components(user, name)) {
            List<?> ids = (List<?>) c.get("streams");
            Set<String> set = new HashSet<>();
            ids.forEach(id -> set.add(String.valueOf(id)));
            streams.put((String) c.get("id"), set);
        }
        return taps.read(name, streams, stream, maxPerSec, after, System.nanoTime());
    }

    /** Closes a tap: its workers stop sampling at their next metrics report. */
    public void closeTap(String user, String name, TapKey stream) {
        requireLeader();
        require(user, name, Authorizer.Action.VIEW, "view");
        taps.close(name, stream);
    }

    /**
     * Takes a worker's tap samples (see {@link NimbusTaps#report}).
     *
     * @param signedBy the topology whose secret signed the report, or null when reports are not signed
     * @throws NimbusException 400 for a malformed report, 401 if it is about another topology than the one that
     *                         signed it
     */
    public void reportTaps(byte[] body, String signedBy) throws IOException {
        requireLeader();
        JsonNode report;
        try {
            report = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new NimbusException(400, "A tap report must be JSON: " + e.getOriginalMessage());
        }
        if (signedBy != null) {
            TopologyInfo t = state.topology(signedBy);
            if (t == null || !t.name().equals(report.path("topology").asText())) {
                throw new NimbusException(401, "Tap report refused: signed by topology " + signedBy
                        + " but about topology " + report.path("topology").asText());
            }
        }
        taps.report(report);
    }

    /** A running topology's metrics over {@code window}, or null if none of its workers has reported yet. */
    public TopologyMetrics metrics(String user, String name, Window window) {
        requireLeader();
        require(user, name, Authorizer.Action.VIEW, "view");
        return metrics.view(name, window);
    }

    /** The latest metrics snapshot of each of a running topology's workers. */
    public List<Snapshots.Worker> snapshots(String user, String name) {
        requireLeader();
        require(user, name, Authorizer.Action.VIEW, "view");
        return metrics.latest(name);
    }

    /**
     * A running topology's components, spouts first: id, kind ({@code spout} or {@code bolt}), parallelism
     * (executors, after rebalances), tasks, and inputs (component, stream, grouping).
     */
    public synchronized List<Map<String, Object>> components(String user, String name) throws IOException {
        requireLeader();
        TopologyInfo t = require(user, name, Authorizer.Action.VIEW, "view");
        CachedComponents cached = components.get(t.id());
        if (cached != null && cached.overrides().equals(t.executorOverrides())) {
            return withPlaces(t, cached.components());
        }
        Map<String, Integer> executors = new HashMap<>();
        Map<String, Integer> tasks = new HashMap<>();
        for (TaskLayout.ExecutorTasks e : layoutOf(t).executors()) {
            executors.merge(e.componentId(), 1, Integer::sum);
            tasks.merge(e.componentId(), e.tasks().length, Integer::sum); // a keyed stateful bolt's may change
        }
        Path jar = code(t.id(), CodeStore.Part.JAR);
        StormTopology topology;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Nimbus.class.getClassLoader())) {
            topology = TopologySerializer.deserialize(Files.readAllBytes(code(t.id(), CodeStore.Part.TOPOLOGY)),
                    loader);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            c.getInputs().forEach((stream, grouping) -> inputs.add(Map.of("component", stream.get_componentId(),
                    "stream", stream.get_streamId(), "grouping", grouping.getType().name().toLowerCase(Locale.ROOT))));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.getId());
            m.put("kind", c.getKind() == ComponentSpec.Kind.SPOUT ? "spout" : "bolt");
            m.put("parallelism", executors.getOrDefault(c.getId(), c.getParallelism()));
            m.put("tasks", tasks.getOrDefault(c.getId(), c.getNumTasks()));
            m.put("inputs", inputs);
            m.put("streams", new ArrayList<>(c.getOutputs().keySet()));
            out.add(m);
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> !"spout".equals(m.get("kind")))
                .thenComparing(m -> (String) m.get("id")));
        components.put(t.id(), new CachedComponents(t.executorOverrides(), out));
        return withPlaces(t, out);
    }

    /**
     * The components with where each executor runs now, under {@code executors}: its first and last task and the
     * host and port of its worker (none while unassigned). Storm's component page gives tools the workers whose logs
     * hold a component's output; the places follow every reassignment, so they are added to the cached list anew.
     */
    private List<Map<String, Object>> withPlaces(TopologyInfo t, List<Map<String, Object>> components)
            throws IOException {
        Map<Integer, WorkerSlot> workerOfTask = new HashMap<>();
        Assignment a = state.assignment(t.id());
        if (a != null) {
            for (WorkerSlot w : a.workers()) {
                w.tasks().forEach(task -> workerOfTask.put(task, w));
            }
        }
        Map<String, List<Map<String, Object>>> places = new HashMap<>();
        for (TaskLayout.ExecutorTasks e : layoutOf(t).executors()) {
            int[] tasks = e.tasks();
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("firstTask", tasks[0]);
            place.put("lastTask", tasks[tasks.length - 1]);
            WorkerSlot w = workerOfTask.get(tasks[0]);
            if (w != null) {
                place.put("host", w.host());
                place.put("port", w.port());
            }
            places.computeIfAbsent(e.componentId(), k -> new ArrayList<>()).add(place);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> c : components) {
            Map<String, Object> m = new LinkedHashMap<>(c);
            m.put("executors", places.getOrDefault((String) c.get("id"), List.of()));
            out.add(m);
        }
        return out;
    }

    private TopologyInfo find(String name) {
        for (TopologyInfo t : state.topologies()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private TopologyInfo require(String name) {
        TopologyInfo t = find(name);
        if (t == null) {
            throw new NimbusException(404, "No topology named '" + name + "' is running");
        }
        return t;
    }

    /**
     * A topology by name that {@code user} may act on as asked; a user who may not even view it is told it does
     * not exist, so names do not leak.
     */
    private TopologyInfo require(String user, String name, Authorizer.Action action, String what) {
        TopologyInfo t = require(name);
        if (!authorizer.permits(user, Authorizer.Action.VIEW, t.conf())) {
            throw new NimbusException(404, "No topology named '" + name + "' is running");
        }
        if (!authorizer.permits(user, action, t.conf())) {
            throw new NimbusException(403, denied(user, what, t));
        }
        return t;
    }

    private static String denied(String user, String what, TopologyInfo t) {
        return "User '" + user + "' may not " + what + " topology '" + t.name() + "': its owner is '"
                + t.conf().get(Authorizer.OWNER_KEY) + "'; ask the owner to list you in topology.users, or an admin "
                + "(nimbus.admins)";
    }

    /** The slots ({@code supervisorId:port}) of every topology but {@code exceptTopology} (null for all). */
    private Set<String> usedSlots(String exceptTopology) {
        Set<String> used = new HashSet<>();
        for (Assignment a : state.assignments()) {
            if (!a.topologyId().equals(exceptTopology)) {
                for (WorkerSlot w : a.workers()) {
                    used.add(w.supervisorId() + ":" + w.port());
                }
            }
        }
        return used;
    }

    private TaskLayout layoutOf(TopologyInfo t) throws IOException {
        CachedLayout cached = layouts.get(t.id());
        if (cached != null && cached.overrides().equals(t.executorOverrides())) {
            return cached.layout();
        }
        TaskLayout layout = new TaskLayout(topologyOf(t), TopologySettings.from(t.conf()).ackerExecutors(),
                t.executorOverrides());
        layouts.put(t.id(), new CachedLayout(t.executorOverrides(), layout));
        return layout;
    }

    private StormTopology topologyOf(TopologyInfo t) throws IOException {
        Path jar = code(t.id(), CodeStore.Part.JAR);
        byte[] bytes = Files.readAllBytes(code(t.id(), CodeStore.Part.TOPOLOGY));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                Nimbus.class.getClassLoader())) {
            return TopologySerializer.deserialize(bytes, loader);
        }
    }

    private void monitorSafely() {
        try {
            deleteStaleUploads();
            synchronized (this) {
                boolean leads = isLeader();
                if (leads != ledLastRound) {
                    daemonMetrics.meter(leads ? "nimbus:num-gained-leadership" : "nimbus:num-lost-leadership").mark();
                }
                if (leads && !ledLastRound) {
                    // A new term: supervisors may still be registering again after a ZooKeeper outage, so
                    // their absence is timed from now.
                    missingSinceMs.clear();
                }
                ledLastRound = leads;
                if (leads) {
                    Timer.Context round = daemonMetrics.timer("nimbus:topology-scheduling-duration-ms").time();
                    try {
                        monitorOnce();
                    } finally {
                        round.stop();
                    }
                }
            }
        } catch (Throwable t) {
            LOG.error("Nimbus monitor round failed; retrying next round", t);
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /**
     * Storm's {@code getTopologyHistory}: the ids of the running topologies {@code user} may view and of those removed
     * within {@code logviewer.cleanup.age.mins} that it could view, as {@code {"topo_ids": [...]}}. {@code user}
     * null or empty asks for the caller's.
     *
     * @throws NimbusException 403 when a user who is not an admin asks for another user's history
     */
    public Map<String, Object> topologyHistory(String caller, String user) {
        daemonMetrics.meter("nimbus:num-getTopologyHistory-calls").mark();
        String who = user == null || user.isEmpty() ? caller : user;
        if (authorizer.enforces() && !Objects.equals(who, caller) && !authorizer.isAdmin(caller)) {
            throw new NimbusException(403, "User '" + caller + "' may not read the topology history of '" + who
                    + "': only its own, unless an admin (nimbus.admins)");
        }
        Set<String> ids = new TreeSet<>();
        for (TopologyInfo t : state.topologies()) {
            if (authorizer.permits(who, Authorizer.Action.VIEW, t.conf())) {
                ids.add(t.id());
            }
        }
        long cutoff = System.currentTimeMillis() - historyRetentionMs;
        for (TopologyHistory h : state.history()) {
            if (h.removedMs() >= cutoff && authorizer.permits(who, Authorizer.Action.VIEW, h.access())) {
                ids.add(h.id());
            }
        }
        return Map.of("topo_ids", List.copyOf(ids));
    }

    /** Forgets the removed topologies older than the history's retention; run by the leader. */
    private void forgetOldHistory(long now) {
        for (TopologyHistory h : state.history()) {
            if (h.removedMs() < now - historyRetentionMs) {
                state.deleteHistory(h.id());
            }
        }
    }

    /** Deletes the uploads older than the upload timeout; a failure is logged and retried next round. */
    private void deleteStaleUploads() {
        try {
            long bytes = code.deleteUploadsOlderThan(System.currentTimeMillis() - uploadTimeoutMs);
            if (bytes > 0) {
                LOG.info("Deleted {} bytes of uploaded JARs that were not submitted within {} s", bytes,
                        uploadTimeoutMs / 1000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete stale uploads now: {}", e.toString());
        }
    }

    /**
     * Removes killed topologies whose wait is over and moves the workers of supervisors missing for longer
     * than the supervisor timeout, and spreads topologies that run on fewer workers than they asked for over
     * slots that became free. Only what must move moves (see {@link EvenScheduler#reschedule}).
     */
    private void monitorOnce() {
        long now = System.currentTimeMillis();
        if (now - historyCheckedMs >= 60_000) {
            historyCheckedMs = now;
            forgetOldHistory(now);
        }
        Map<String, SupervisorInfo> alive = new HashMap<>();
        for (SupervisorInfo s : state.supervisors()) {
            alive.put(s.id(), s);
        }
        Set<String> missingButKept = missingSupervisorsWithinTimeout(alive.keySet(), now);
        for (TopologyInfo t : state.topologies()) {
            if (t.status() == TopologyStatus.KILLED) {
                if (now >= t.killAtMs()) {
                    Map<String, Object> access = new HashMap<>();
                    for (String key : List.of(Authorizer.OWNER_KEY, Authorizer.USERS_KEY, Authorizer.READERS_KEY)) {
                        if (t.conf().get(key) != null) {
                            access.put(key, t.conf().get(key));
                        }
                    }
                    state.addHistory(new TopologyHistory(t.id(), t.name(), now, access));
                    state.removeTopology(t.id());
                    layouts.remove(t.id());
                    components.remove(t.id());
                    metrics.forget(t.name());
                    logLevels.forget(t.name());
                    profiler.forget(t.name());
                    debugged.remove(t.name());
                    try {
                        code.delete(t.id());
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("Could not delete the code of {}: {}", t.id(), e.toString());
                    }
                    LOG.info("Removed killed topology {}", t.id());
                }
                continue;
            }
            if (t.status() == TopologyStatus.REBALANCING && (t.rebalance() == null || now >= t.rebalance().atMs())) {
                finishRebalance(t);
                continue;
            }
            Assignment a = state.assignment(t.id());
            if (a != null) {
                metrics.retainWorkers(t.name(), a.workers().stream().map(WorkerSlot::name).collect(Collectors.toSet()));
            }
            try {
                Assignment next = a == null
                        ? EvenScheduler.schedule(t.id(), 1, t.workers(), layoutOf(t), new ArrayList<>(alive.values()),
                                usedSlots(t.id()), now)
                        : EvenScheduler.reschedule(a, t.workers(), new ArrayList<>(alive.values()), missingButKept,
                                usedSlots(t.id()), now);
                if (next != a) {
                    state.setAssignment(next);
                    LOG.info("Reassigned {} over {} workers (version {}): {}", t.id(), next.workers().size(),
                            next.version(), a == null ? "it had no assignment" : movedGroups(a, next));
                }
            } catch (NimbusException | IOException e) {
                LOG.warn("Cannot reassign {} now: {}", t.id(), e.getMessage());
            }
        }
    }

    /**
     * The supervisors that assignments use, missing from ZooKeeper now but for less than the supervisor
     * timeout; forgets the ones that came back.
     */
    private Set<String> missingSupervisorsWithinTimeout(Set<String> alive, long now) {
        Set<String> referenced = new HashSet<>();
        for (Assignment a : state.assignments()) {
            for (WorkerSlot w : a.workers()) {
                referenced.add(w.supervisorId());
            }
        }
        missingSinceMs.keySet().retainAll(referenced);
        missingSinceMs.keySet().removeAll(alive);
        Set<String> kept = new HashSet<>();
        for (String id : referenced) {
            if (!alive.contains(id)) {
                long since = missingSinceMs.computeIfAbsent(id, k -> now);
                if (now - since < supervisorTimeoutMs) {
                    kept.add(id);
                }
            }
        }
        return kept;
    }

    /** Which groups moved where, for the log. */
    private static String movedGroups(Assignment before, Assignment after) {
        List<String> moves = new ArrayList<>();
        for (WorkerSlot w : after.workers()) {
            WorkerSlot old = before.slot(w.supervisorId(), w.port());
            for (WorkerSlot.TaskGroup g : w.groups()) {
                if (old == null || !old.groups().contains(g)) {
                    moves.add("group " + g.id() + " to " + w.name());
                }
            }
        }
        return moves.isEmpty() ? "workers merged" : String.join(", ", moves);
    }

    @Override
    public void close() throws IOException {
        monitor.shutdownNow();
        http.close();
        latch.close();
        state.close();
        daemonMetrics.close();
    }
}
