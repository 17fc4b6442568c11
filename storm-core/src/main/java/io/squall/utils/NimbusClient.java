package io.squall.utils;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.LocalCluster;
import io.squall.SquallSubmitter;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.errors.RequestTimeoutException;
import io.squall.errors.SquallException;
import io.squall.security.ClientCredentials;
import io.squall.security.ClusterSecret;
import io.squall.security.SecuritySettings;
import io.squall.security.TlsFiles;
import io.squall.security.WorkerSignature;
import io.squall.runtime.api.ClusterClientSupport;
import io.squall.thrift.TException;
import io.squall.thrift.transport.TTransportException;
import io.squall.topology.AlreadyAliveException;
import io.squall.topology.ClusterSummary;
import io.squall.topology.Credentials;
import io.squall.topology.KillOptions;
import io.squall.topology.LogConfig;
import io.squall.topology.ProfileAction;
import io.squall.topology.ProfileRequest;
import io.squall.topology.SubmitOptions;
import io.squall.topology.Nimbus;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.SupervisorSummary;
import io.squall.topology.TopologyInfo;
import io.squall.topology.TopologySummary;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.KeyAlreadyExistsException;
import io.squall.topology.KeyNotFoundException;
import io.squall.topology.NotAliveException;
import io.squall.topology.StormTopology;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of Nimbus's HTTP/JSON API, for submitting and managing topologies and reading cluster
 * information. It asks each of {@code nimbus.seeds} in turn until the leader answers. Errors are exceptions
 * naming what is wrong: {@link NotAliveException} for an unknown topology, {@link AlreadyAliveException} for
 * a name in use, {@link InvalidTopologyException} for a topology Nimbus refuses, and {@link SquallException}
 * when no leader can be reached. Thread-safe.
 */
public class NimbusClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> seeds;
    private final HttpClient http;
    private final String scheme;
    /** The bearer token sent with every request, or null. Never logged. */
    private final String token;
    /** The secret a worker signs its metrics reports with, and its topology id; null for other clients. */
    private final byte[] topologySecret;
    private final String topologyId;

    /** A client of the Nimbus daemons at {@code host:port} seeds, without credentials or TLS. */
    public NimbusClient(List<String> seeds) {
        this(seeds, null, null, null, null);
    }

    /**
     * Storm's client of the Nimbus on {@code host}, at {@code nimbus.port} of {@code conf} over
     * {@code conf/squall.yaml}, with that configuration's TLS and the user's token as {@link #of} takes them.
     */
    public NimbusClient(Map<String, Object> conf, String host) {
        this(conf, host, null, null);
    }

    /**
     * Storm's client of the Nimbus at {@code host:port} (null port: {@code nimbus.port}); the timeout is Storm's
     * Thrift socket's, which this client has no use for.
     */
    public NimbusClient(Map<String, Object> conf, String host, Integer port, Integer timeout) {
        this(conf, host, port, timeout, null);
    }

    /**
     * {@link #NimbusClient(Map, String, Integer, Integer)}: Squall has no impersonation, so the client acts as the user
     * of its credentials whatever {@code asUser} names.
     */
    public NimbusClient(Map<String, Object> conf, String host, Integer port, Integer timeout, String asUser) {
        this(conf, host, port, timeout, asUser, false);
    }

    /**
     * {@link #NimbusClient(Map, String, Integer, Integer, String)}; {@code useTLS} is Storm's switch for its TLS port,
     * where Squall takes TLS from {@code squall.tls.*} of the configuration.
     */
    public NimbusClient(Map<String, Object> conf, String host, Integer port, Integer timeout, String asUser,
                        boolean useTLS) {
        this(loaded(conf), host, port);
    }

    private NimbusClient(DaemonConfig conf, String host, Integer port) {
        this(seedOf(conf, host, port), SecuritySettings.tlsFiles(conf.asMap()),
                ClientCredentials.token(conf.getString(ConfigKeys.SQUALL_CREDENTIALS_FILE), System.getenv()), null, null);
    }

    private static DaemonConfig loaded(Map<String, Object> conf) {
        List<String> overrides = new ArrayList<>();
        if (conf != null) {
            conf.forEach((k, v) -> overrides.add(k + "=" + v));
        }
        return DaemonConfig.load(overrides);
    }

    private static List<String> seedOf(DaemonConfig conf, String host, Integer port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A Nimbus client needs a host; got " + host);
        }
        return List.of(host + ":" + (port == null ? conf.getInt(ConfigKeys.NIMBUS_PORT) : port));
    }

    private NimbusClient(List<String> seeds, TlsFiles tls, String token, byte[] topologySecret, String topologyId) {
        this(seeds, httpClient(tls), tls == null ? "http://" : "https://", token, topologySecret, topologyId);
    }

    private NimbusClient(List<String> seeds, HttpClient http, String scheme, String token, byte[] topologySecret,
                         String topologyId) {
        if (seeds.isEmpty()) {
            throw new SquallException("nimbus.seeds is empty: list the host:port of each Nimbus");
        }
        this.seeds = List.copyOf(seeds);
        this.http = http;
        this.scheme = scheme;
        this.token = token;
        this.topologySecret = topologySecret;
        this.topologyId = topologyId;
    }

    private static HttpClient httpClient(TlsFiles tls) {
        // The connect timeout covers the TLS handshake too, which in a JVM just started (a CLI command) on a busy
        // machine takes seconds: HTTPS gets longer to connect.
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(tls == null ? 5 : 20));
        if (tls != null) {
            b.sslContext(tls.jdkClient());
        }
        return b.build();
    }

    /**
     * A client of the Nimbus daemons of a configuration ({@code nimbus.seeds}), over HTTPS when {@code squall.tls.*}
     * is set, with the user's token from {@code SQUALL_TOKEN} or {@code squall.credentials.file} if there is one.
     */
    public static NimbusClient of(DaemonConfig conf) {
        return new NimbusClient(conf.getStrings(ConfigKeys.NIMBUS_SEEDS), SecuritySettings.tlsFiles(conf.asMap()),
                ClientCredentials.token(conf.getString(ConfigKeys.SQUALL_CREDENTIALS_FILE), System.getenv()), null,
                null);
    }

    /** A client for the cluster's own daemons: the daemons' token, derived from the cluster secret if set. */
    public static NimbusClient forDaemon(DaemonConfig conf) {
        SecuritySettings s = SecuritySettings.of(conf);
        return new NimbusClient(conf.getStrings(ConfigKeys.NIMBUS_SEEDS), s.tls(),
                s.secret() == null ? null : s.secret().daemonToken(), null, null);
    }

    /** A client for a worker of {@code topologyId}: it signs metrics reports with the topology's secret, if any. */
    public static NimbusClient forWorker(DaemonConfig conf, String topologyId) {
        SecuritySettings s = SecuritySettings.of(conf);
        ClusterSecret secret = s.secret();
        return new NimbusClient(conf.getStrings(ConfigKeys.NIMBUS_SEEDS), s.tls(), null,
                secret == null ? null : secret.topologySecret(topologyId), topologyId);
    }

    /**
     * A copy of this client, sharing its connections, that sends {@code userToken} ({@code USER.SECRET}) as its
     * credential: the dashboard acts for the user whose request it serves.
     */
    public NimbusClient withToken(String userToken) {
        return new NimbusClient(seeds, http, scheme, userToken, topologySecret, topologyId);
    }

    /** Storm's way to get a client: from {@code conf/squall.yaml} and the given overrides. */
    public static NimbusClient getConfiguredClient(Map<String, Object> conf) {
        return of(loaded(conf));
    }

    /**
     * {@link #getConfiguredClient(Map)}: Squall has no impersonation, so the client acts as the user of its
     * credentials ({@code SQUALL_TOKEN} or {@code squall.credentials.file}) whatever {@code asUser} names.
     */
    public static NimbusClient getConfiguredClientAs(Map<String, Object> conf, String asUser) {
        return getConfiguredClient(conf);
    }

    /** {@link #getConfiguredClientAs(Map, String)}; the timeout is Storm's Thrift socket's. */
    public static NimbusClient getConfiguredClientAs(Map<String, Object> conf, String asUser, Integer timeout) {
        return getConfiguredClient(conf);
    }

    /**
     * This client in Storm's terms ({@code Nimbus.Iface}): results as Storm's result types, built from
     * Nimbus's JSON API. Counts come from the metrics workers report (a second or so behind).
     */
    public Nimbus.Client getClient() {
        LocalCluster local = SquallSubmitter.getLocalOverride();
        if (local != null) {
            return new LocalClient(local);
        }
        return ClusterClientSupport.get().stormClient(this);
    }

    /** Under {@code bin/squall local}: Storm's client methods answered by the in-process cluster, as in Storm. */
    private static final class LocalClient extends Nimbus.Client {
        private final LocalCluster cluster;

        LocalClient(LocalCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public ClusterSummary getClusterInfo() {
            return cluster.getClusterInfo();
        }

        @Override
        public TopologyInfo getTopologyInfo(String id) {
            return cluster.getTopologyInfo(id);
        }

        @Override
        public String getNimbusConf() {
            return cluster.getNimbusConf();
        }

        @Override
        public void setLogConfig(String name, LogConfig config) {
            cluster.setLogConfig(name, config);
        }

        @Override
        public void uploadNewCredentials(String name, Credentials creds) {
            cluster.uploadNewCredentials(name, creds);
        }

        @Override
        public LogConfig getLogConfig(String name) {
            return cluster.getLogConfig(name);
        }

        @Override
        public StormTopology getTopology(String id) {
            return cluster.getTopology(id);
        }

        @Override
        public StormTopology getUserTopology(String id) {
            return cluster.getUserTopology(id);
        }

        @Override
        public String getTopologyConf(String id) {
            return cluster.getTopologyConf(id);
        }

        @Override
        public void killTopology(String name) {
            cluster.killTopology(name);
        }

        @Override
        public void killTopologyWithOpts(String name, KillOptions options) {
            cluster.killTopologyWithOpts(name, options);
        }

        @Override
        public void activate(String name) {
            cluster.activate(name);
        }

        @Override
        public void deactivate(String name) {
            cluster.deactivate(name);
        }

        @Override
        public void rebalance(String name, RebalanceOptions options) {
            cluster.rebalance(name, options);
        }

        @Override
        public void debug(String name, String component, boolean enable, double samplingPercentage) {
            cluster.debug(name, component, enable, samplingPercentage);
        }

        @Override
        public void submitTopologyWithOpts(String name, String uploadedJarLocation, String jsonConf,
                                           StormTopology topology, SubmitOptions options) {
            cluster.submitTopologyWithOpts(name, uploadedJarLocation, jsonConf, topology, options);
        }

        @Override
        public String beginFileUpload() {
            return cluster.beginFileUpload();
        }

        @Override
        public io.squall.topology.TopologyHistoryInfo getTopologyHistory(String user) {
            return cluster.getTopologyHistory(user);
        }

        @Override
        public void uploadChunk(String location, java.nio.ByteBuffer chunk) {
            cluster.uploadChunk(location, chunk);
        }

        @Override
        public void finishFileUpload(String location) {
            cluster.finishFileUpload(location);
        }

        @Override
        public void setWorkerProfiler(String id, ProfileRequest request) {
            cluster.setWorkerProfiler(id, request);
        }

        @Override
        public List<ProfileRequest> getComponentPendingProfileActions(String id, String componentId,
                                                                      ProfileAction action) {
            return cluster.getComponentPendingProfileActions(id, componentId, action);
        }
    }

    /** Storm's check: whether topologies submitted now run in this JVM ({@code bin/squall local}). */
    public static boolean isLocalOverride() {
        return SquallSubmitter.isLocalOverride();
    }

    /** {@link #getConfiguredClient(Map)}; the timeout is Storm's Thrift socket's, which this client has no use for. */
    public static NimbusClient getConfiguredClient(Map<String, Object> conf, Integer timeout) {
        return getConfiguredClient(conf);
    }

    /** Runs {@code cb} with a client for {@code conf/squall.yaml}, as Storm's. */
    public static void withConfiguredClient(WithNimbus cb) throws Exception {
        withConfiguredClient(cb, Map.of());
    }

    /** Runs {@code cb} with a client for {@code conf/squall.yaml} overridden by {@code conf}, as Storm's. */
    public static void withConfiguredClient(WithNimbus cb, Map<String, Object> conf) throws Exception {
        try (NimbusClient client = getConfiguredClient(conf)) {
            cb.run(client.getClient());
        }
    }

    /** What {@link #withConfiguredClient} runs. */
    @FunctionalInterface
    public interface WithNimbus {
        void run(Nimbus.Iface nimbus) throws Exception;
    }

    /**
     * Nothing to release: the client's HTTP connections are shared and closed with the JVM. Here so that Storm's
     * {@code try (NimbusClient c = ...)} compiles.
     */
    @Override
    public void close() {
    }

    /** Storm 2's way to make a client: {@code NimbusClient.Builder.withConf(conf).build()}. */
    public static final class Builder {
        private final Map<String, Object> conf;

        private Builder(Map<String, Object> conf) {
            this.conf = conf == null ? Map.of() : conf;
        }

        /** A builder of a client for {@code conf/squall.yaml} overridden by {@code conf}. */
        public static Builder withConf(Map<String, Object> conf) {
            return new Builder(conf);
        }

        /** Storm's Thrift socket timeout; this client has no use for it. */
        public Builder withTimeout(Integer timeout) {
            return this;
        }

        /** The client. */
        public NimbusClient build() {
            return getConfiguredClient(conf);
        }
    }

    /** Uploads a topology JAR; returns its upload id. */
    public String uploadJar(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        return (String) object(call("POST", "jars", HttpRequest.BodyPublishers.ofByteArray(bytes),
                "application/java-archive", false)).get("jar");
    }

    /**
     * Storm's topology history of {@code user} (the caller's when null): {@code topo_ids}, the running topologies it
     * may view and those removed within {@code logviewer.cleanup.age.mins}.
     */
    public Map<String, Object> topologyHistory(String user) throws IOException {
        String query = user == null ? "" : "?user=" + java.net.URLEncoder.encode(user,
                java.nio.charset.StandardCharsets.UTF_8);
        return object(call("GET", "history" + query, HttpRequest.BodyPublishers.noBody(), null, false));
    }

    /** Starts uploading a topology JAR in chunks; returns the upload id that {@link #uploadChunk} appends to. */
    public String beginUpload() throws IOException {
        return (String) object(call("POST", "jars/begin", HttpRequest.BodyPublishers.noBody(), "application/json",
                false)).get("jar");
    }

    /** Appends {@code chunk} to the upload {@code uploadId}; returns the upload's size now. */
    public long uploadChunk(String uploadId, byte[] chunk) throws IOException {
        return ((Number) object(call("POST", "jars/" + uploadId + "/chunk", HttpRequest.BodyPublishers.ofByteArray(
                chunk), "application/octet-stream", false)).get("bytes")).longValue();
    }

    /** Closes the upload {@code uploadId}; a submission may name it from now on. */
    public void finishUpload(String uploadId) throws IOException {
        call("POST", "jars/" + uploadId + "/finish", HttpRequest.BodyPublishers.noBody(), "application/json", false);
    }

    /** Uploads {@code jar} and submits a topology from it; returns the topology id. */
    public String submitTopology(String name, Path jar, Map<String, Object> conf, StormTopology topology)
            throws IOException {
        return (String) submit(name, jar, conf, topology).get("id");
    }

    /**
     * Uploads {@code jar} and submits a topology from it; returns Nimbus's answer: {@code id}, {@code workers}
     * (how many it got) and {@code workersRequested}.
     */
    public Map<String, Object> submit(String name, Path jar, Map<String, Object> conf, StormTopology topology)
            throws IOException {
        return submitUploaded(name, uploadJar(jar), conf, topology, true);
    }

    /**
     * Submits a topology from a JAR uploaded already ({@link #uploadJar}), active or with its spouts deactivated
     * (Storm's {@code INACTIVE}); returns Nimbus's answer as {@link #submit} does.
     */
    public Map<String, Object> submitUploaded(String name, String uploadId, Map<String, Object> conf,
                                              StormTopology topology, boolean active) throws IOException {
        return submitUploaded(name, uploadId, conf, topology, active, Map.of());
    }

    /**
     * {@link #submitUploaded(String, String, Map, StormTopology, boolean)} with the credentials the topology's
     * {@code ICredentialsListener} components are given before they open.
     */
    public Map<String, Object> submitUploaded(String name, String uploadId, Map<String, Object> conf,
                                              StormTopology topology, boolean active, Map<String, String> credentials)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("jar", uploadId);
        body.put("topology", Base64.getEncoder().encodeToString(ClusterClientSupport.get().serializeTopology(topology)));
        body.put("conf", conf);
        if (!active) {
            body.put("inactive", true);
        }
        if (credentials != null && !credentials.isEmpty()) {
            body.put("creds", credentials);
        }
        return object(call("POST", "topologies", json(body), "application/json", true));
    }

    /**
     * Every topology: name, id, status, uptimeSecs, workers, workersRequested, executors and tasks (ackers not
     * counted).
     */
    public List<Map<String, Object>> listTopologies() throws IOException {
        return JSON.readValue(call("GET", "topologies", HttpRequest.BodyPublishers.noBody(), null, false),
                new TypeReference<>() { });
    }

    /** One topology's summary. */
    public Map<String, Object> getTopology(String name) throws IOException {
        return object(call("GET", "topologies/" + name, HttpRequest.BodyPublishers.noBody(), null, false));
    }

    /**
     * Kills a topology: spouts deactivated now, workers stopped after {@code waitSecs} (null: the topology's
     * {@code topology.message.timeout.secs}, as Storm); returns the wait Nimbus applies.
     */
    public int killTopology(String name, Integer waitSecs) throws IOException {
        Map<String, Object> answer = object(call("POST", "topologies/" + name + "/kill"
                + (waitSecs == null ? "" : "?wait=" + waitSecs), HttpRequest.BodyPublishers.noBody(), null, false));
        return answer.get("waitSecs") instanceof Number n ? n.intValue() : waitSecs == null ? -1 : waitSecs;
    }

    /** Lets a topology's spouts emit. */
    public void activate(String name) throws IOException {
        call("POST", "topologies/" + name + "/activate", HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /** Stops a topology's spouts. */
    public void deactivate(String name) throws IOException {
        call("POST", "topologies/" + name + "/deactivate", HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /**
     * Reassigns a topology over {@code workers} workers (0 keeps the count) and these executors per component,
     * after deactivating its spouts for {@code waitSecs} (null: its {@code topology.message.timeout.secs}, as Storm).
     * Returns Nimbus's answer: {@code workers} (how many it got), {@code workersRequested} and {@code executors};
     * it gets fewer workers than asked when there are not enough free slots or executors. With a wait, it answers
     * {@code rebalancingInSecs} and {@code workersRequested} at once, and the topology is REBALANCING until then.
     */
    public Map<String, Object> rebalance(String name, int workers, Map<String, Integer> executors, Integer waitSecs)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workers", workers);
        body.put("executors", executors);
        if (waitSecs != null) {
            body.put("waitSecs", waitSecs);
        }
        return object(call("POST", "topologies/" + name + "/rebalance", json(body), "application/json", true));
    }

    /**
     * Sets loggers of a topology's workers ({@code LEVEL} or {@code LEVEL:SECONDS}; {@code ROOT} is the root logger) and
     * puts others back as they were; answers the levels now in force, by logger.
     */
    public Map<String, Object> setLogLevels(String name, Map<String, String> set, List<String> reset)
            throws IOException {
        return object(call("POST", "topologies/" + name + "/log-levels", json(Map.of("set", set, "reset", reset)),
                "application/json", true));
    }

    /**
     * Gives a running topology new credentials; with {@code expectedOwner}, only if the topology is that user's.
     */
    public void uploadCredentials(String name, Map<String, String> credentials, String expectedOwner)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("creds", credentials);
        if (expectedOwner != null) {
            body.put("owner", expectedOwner);
        }
        call("POST", "topologies/" + name + "/credentials", json(body), "application/json", true);
    }

    /** The log levels set on a topology and still in force, as {@link #setLogLevels} answers them. */
    public Map<String, Object> getLogLevels(String name) throws IOException {
        return object(call("GET", "topologies/" + name + "/log-levels", HttpRequest.BodyPublishers.noBody(), null,
                true));
    }

    /**
     * Asks a worker ({@code host:port}) of a topology for a profiling or debugging action, as Storm's
     * {@code setWorkerProfiler}: {@code dumpjstack}, {@code dumpheap}, {@code restartworker}, {@code start} (a JFR
     * recording of {@code minutes}), {@code dumpprofile} or {@code stop}.
     */
    public Map<String, Object> profile(String name, String worker, String action, int minutes) throws IOException {
        return object(call("POST", "topologies/" + name + "/profile", json(Map.of("worker", worker, "action", action,
                "minutes", minutes)), "application/json", true));
    }

    /**
     * The profiling actions pending on a topology's workers, by worker ({@code host:port}): {@code recordingUntilMs}
     * while it records, {@code asked} the one-time actions it has not taken yet ({@code action}, {@code askedMs}).
     */
    public Map<String, Object> pendingProfileActions(String name) throws IOException {
        return object(call("GET", "topologies/" + name + "/profile", HttpRequest.BodyPublishers.noBody(), null,
                true));
    }

    /**
     * Starts or stops debugging a topology ({@code component} null or empty) or a component at
     * {@code samplingPercentage}; answers what is debugged, by component ({@code ""}: the whole topology).
     */
    public Map<String, Object> debug(String name, String component, boolean enable, double samplingPercentage)
            throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("component", component == null ? "" : component);
        body.put("enable", enable);
        body.put("samplingPercentage", samplingPercentage);
        return object(call("POST", "topologies/" + name + "/debug", json(body), "application/json", true));
    }

    /** The cluster: this Nimbus, the leader, live supervisors. */
    public Map<String, Object> getClusterInfo() throws IOException {
        return object(call("GET", "cluster", HttpRequest.BodyPublishers.noBody(), null, false));
    }

    /**
     * The configuration of the first Nimbus that answers (Storm's {@code getNimbusConf}):
     * {@code {"conf": {KEY: VALUE}, "withheld": [KEY]}}, the keys naming a password, secret or token left out.
     */
    public Map<String, Object> getNimbusConf() throws IOException {
        return object(call("GET", "conf", HttpRequest.BodyPublishers.noBody(), null, false));
    }

    /** A file of a topology's code: {@code jar}, {@code topology} or {@code conf}. */
    public byte[] downloadCode(String topologyId, String part) throws IOException {
        return call("GET", "code/" + topologyId + "/" + part, HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /**
     * Sends a worker's metrics snapshot (its JSON; {@code io.squall.metrics.aggregate.MetricsClient.report}
     * sends a typed one) to the leader Nimbus, which aggregates it with the topology's others, and returns Nimbus's
     * answer: the stream taps the worker must keep open ({@code taps}: {@code component}, {@code stream},
     * {@code maxPerSec} each) and the state queries it must answer ({@code stateQueries}: {@code id},
     * {@code component} and, unless sizes alone are asked for, {@code key} each).
     */
    public Map<String, Object> reportMetrics(byte[] snapshotJson) throws IOException {
        return object(postSigned("metrics", snapshotJson));
    }

    /** Sends a worker's tap samples (see the README's "Stream taps") to the leader Nimbus. */
    public void reportTaps(Map<String, Object> report) throws IOException {
        postSigned("taps", JSON.writeValueAsBytes(report));
    }

    /** Sends a worker's answers to the state queries of its last metrics report to the leader Nimbus. */
    public void reportState(Map<String, Object> answers) throws IOException {
        postSigned("state-answers", JSON.writeValueAsBytes(answers));
    }

    /**
     * A stateful bolt's committed state, read by Nimbus from the workers that run its tasks: with a key (null for
     * none), its value and the task that holds it; without, each task's state size. The JSON of the README's
     * "Queryable state".
     *
     * @throws RequestTimeoutException when a worker did not answer Nimbus in time
     */
    public byte[] readState(String name, String component, String key) throws IOException {
        return call("GET", "topologies/" + name + "/state/" + URLEncoder.encode(component, StandardCharsets.UTF_8)
                + (key == null ? "" : "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)),
                HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /**
     * Opens or renews a tap on a component's stream and reads what the workers sampled after number {@code after}:
     * the JSON of the README's "Stream taps".
     */
    public byte[] readTap(String name, String component, String stream, int maxPerSec, long after)
            throws IOException {
        return call("GET", "topologies/" + name + "/tap?" + tapQuery(component, stream) + "&maxPerSec=" + maxPerSec
                + "&after=" + after, HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /** Closes a tap on a component's stream. */
    public void closeTap(String name, String component, String stream) throws IOException {
        call("POST", "topologies/" + name + "/untap?" + tapQuery(component, stream),
                HttpRequest.BodyPublishers.noBody(), null, false);
    }

    private static String tapQuery(String component, String stream) {
        return "component=" + URLEncoder.encode(component, StandardCharsets.UTF_8) + "&stream="
                + URLEncoder.encode(stream, StandardCharsets.UTF_8);
    }

    /** Posts a worker's report, signed with its topology's secret when the cluster has one. */
    private byte[] postSigned(String path, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (topologySecret != null) {
            long now = System.currentTimeMillis();
            headers.put(WorkerSignature.TOPOLOGY_HEADER, topologyId);
            headers.put(WorkerSignature.TIME_HEADER, String.valueOf(now));
            headers.put(WorkerSignature.SIGNATURE_HEADER, WorkerSignature.sign(topologySecret, now, body));
        }
        return call("POST", path, HttpRequest.BodyPublishers.ofByteArray(body), "application/json", false, headers);
    }

    /**
     * A topology's aggregated metrics over a window ({@code 10m}, {@code 3h}, {@code 1d}, {@code all}) as Nimbus's
     * JSON ({@code null} before the first report); {@code MetricsClient.topologyMetrics} reads them typed.
     */
    public byte[] readTopologyMetrics(String name, String window) throws IOException {
        return call("GET", "topologies/" + name + "/metrics?window=" + window, HttpRequest.BodyPublishers.noBody(),
                null, false);
    }

    /**
     * The latest metrics snapshot of each of a topology's workers, as a JSON array; {@code MetricsClient.snapshots}
     * reads them typed.
     */
    public byte[] readSnapshots(String name) throws IOException {
        return call("GET", "topologies/" + name + "/snapshots", HttpRequest.BodyPublishers.noBody(), null, false);
    }

    /** One version of a blob: its content and version. */
    public record Blob(byte[] content, long version) { }

    /** The header in which Nimbus answers a blob's version with its content. */
    public static final String BLOB_VERSION_HEADER = "X-Squall-Blob-Version";

    /** Every blob key in the store. */
    public List<String> listBlobs() throws IOException {
        return JSON.readValue(call("GET", "blobs", HttpRequest.BodyPublishers.noBody(), null, false),
                new TypeReference<>() { });
    }

    /** A blob's meta: {@code acl} (strings such as {@code u:alice:rwa}), {@code replication} if set, {@code version}. */
    public Map<String, Object> getBlobMeta(String key) throws IOException {
        return object(call("GET", "blobs/" + encode(key) + "/meta", HttpRequest.BodyPublishers.noBody(), null, false));
    }

    /** A blob's current content and version. */
    public Blob getBlob(String key) throws IOException {
        HttpResponse<byte[]> res = send("GET", "blobs/" + encode(key), HttpRequest.BodyPublishers.noBody(), null,
                false, Map.of());
        return new Blob(res.body(), Long.parseLong(res.headers().firstValue(BLOB_VERSION_HEADER).orElse("0")));
    }

    /** Creates a blob with an ACL ({@code u:USER:rwa}, {@code o::r--} entries) and a replication factor or null. */
    public void createBlob(String key, List<String> acl, Integer replication, byte[] content) throws IOException {
        StringBuilder q = new StringBuilder("blobs/").append(encode(key)).append("?acl=")
                .append(encode(String.join(",", acl)));
        if (replication != null) {
            q.append("&replication=").append(replication);
        }
        call("POST", q.toString(), HttpRequest.BodyPublishers.ofByteArray(content), "application/octet-stream",
                false);
    }

    /** Replaces a blob's content; returns its new version. */
    public long updateBlob(String key, byte[] content) throws IOException {
        return ((Number) object(call("PUT", "blobs/" + encode(key), HttpRequest.BodyPublishers.ofByteArray(content),
                "application/octet-stream", false)).get("version")).longValue();
    }

    /** Replaces a blob's ACL and replication factor (null keeps it unset). */
    public void setBlobMeta(String key, List<String> acl, Integer replication) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("acl", acl);
        if (replication != null) {
            body.put("replication", replication);
        }
        call("POST", "blobs/" + encode(key) + "/meta", json(body), "application/json", false);
    }

    /** Deletes a blob. */
    public void deleteBlob(String key) throws IOException {
        call("DELETE", "blobs/" + encode(key), HttpRequest.BodyPublishers.noBody(), null, false);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * A topology's components: id, kind, parallelism, tasks, inputs (component, stream, grouping) and executors
     * (first and last task, and the host and port of the worker each runs in).
     */
    public List<Map<String, Object>> getComponents(String name) throws IOException {
        return JSON.readValue(call("GET", "topologies/" + name + "/components", HttpRequest.BodyPublishers.noBody(),
                null, false), new TypeReference<>() { });
    }

    private static HttpRequest.BodyPublisher json(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    private static Map<String, Object> object(byte[] body) throws IOException {
        return JSON.readValue(body, new TypeReference<>() { });
    }

    private byte[] call(String method, String path, HttpRequest.BodyPublisher body, String type, boolean submit)
            throws IOException {
        return call(method, path, body, type, submit, Map.of());
    }

    private byte[] call(String method, String path, HttpRequest.BodyPublisher body, String type, boolean submit,
                        Map<String, String> headers) throws IOException {
        return send(method, path, body, type, submit, headers).body();
    }

    private HttpResponse<byte[]> send(String method, String path, HttpRequest.BodyPublisher body, String type,
                                      boolean submit, Map<String, String> headers) throws IOException {
        String lastProblem = "no seed tried";
        for (String seed : seeds) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(scheme + seed + "/api/v1/" + path))
                    .timeout(Duration.ofSeconds(60)).method(method, body);
            if (type != null) {
                b.header("Content-Type", type);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::header);
            HttpResponse<byte[]> res;
            try {
                res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException e) {
                lastProblem = seed + ": connection refused (is Nimbus running there?)";
                continue;
            } catch (IOException e) {
                lastProblem = seed + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SquallException("Interrupted while calling Nimbus at " + seed);
            }
            int status = res.statusCode();
            if (status == 200) {
                return res;
            }
            String message = errorOf(res.body());
            if (status == 503) {
                lastProblem = seed + ": " + message;
                continue;
            }
            String reason = reasonOf(res.body());
            if ("key-not-found".equals(reason)) {
                throw new KeyNotFoundException(message);
            }
            if ("key-exists".equals(reason)) {
                throw new KeyAlreadyExistsException(message);
            }
            throw switch (status) {
                case 404 -> new NotAliveException(message);
                case 401, 403 -> new io.squall.topology.AuthorizationException("Nimbus at " + seed + " refused: "
                        + message);
                case 409 -> isNoFreeSlot(res.body()) ? new SquallException(message)
                        : new AlreadyAliveException(message);
                case 400 -> submit ? new InvalidTopologyException(message) : new SquallException(message);
                case 504 -> new RequestTimeoutException(message);
                default -> new TException("Nimbus at " + seed + " answered " + status + ": " + message);
            };
        }
        throw new TTransportException(TTransportException.NOT_OPEN, "No leader Nimbus reachable at " + seeds
                + " (nimbus.seeds); last problem: " + lastProblem);
    }

    /** Whether an answer says no worker slot is free (rather than that the name is taken). */
    private static boolean isNoFreeSlot(byte[] body) {
        return "no-free-slot".equals(reasonOf(body));
    }

    /** The {@code reason} of an error answer, or null. */
    private static String reasonOf(byte[] body) {
        try {
            return body.length > 0 && body[0] == '{' && object(body).get("reason") instanceof String r ? r : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorOf(byte[] body) {
        try {
            Object e = object(body).get("error");
            return e == null ? new String(body, StandardCharsets.UTF_8) : String.valueOf(e);
        } catch (IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
