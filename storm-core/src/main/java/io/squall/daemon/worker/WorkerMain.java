package io.squall.daemon.worker;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.squall.cluster.Assignment;
import io.squall.cluster.ClusterState;
import io.squall.cluster.TaskError;
import io.squall.cluster.TopologyInfo;
import io.squall.cluster.TopologyStatus;
import io.squall.cluster.WorkerBeat;
import io.squall.cluster.WorkerSlot;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.config.TopologySettings;
import io.squall.messaging.CongestionSignaller;
import io.squall.messaging.InboundDispatcher;
import io.squall.messaging.MessagingClient;
import io.squall.messaging.MessagingServer;
import io.squall.messaging.OutboundLink;
import io.squall.messaging.OversizedTuples;
import io.squall.messaging.WireCodec;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.metrics.report.Reporters;
import io.squall.multilang.TopologyResources;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.security.SecuritySettings;
import io.squall.security.TransportSecurity;
import io.squall.security.WorkerIdentity;
import io.squall.serialization.KryoFactory;
import io.squall.serialization.OutboundEncoding;
import io.squall.serialization.TopologySerializer;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.NodeInfo;
import io.squall.topology.StormTopology;
import io.squall.utils.Clock;
import io.squall.utils.NimbusClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker process a supervisor launches for one slot: reads its assignment from ZooKeeper, runs the
 * executors placed on it, serves its port for tuples from the topology's other workers, connects to them,
 * tells them when its own queues are congested, and heartbeats. Tuples for each task group of the other
 * workers go through that group's own outbound queue and link, so when a reassignment moves a group, the
 * worker points that link at the group's new worker and keeps running. It exits when its own groups change or
 * go away (the supervisor starts the new one) and when the topology fails.
 *
 * <p>Usage: {@code WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID CODE_DIR [key=value...]}.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
    /** How often the worker compares its own congestion with what it last told the others. */
    private static final long BACKPRESSURE_CHECK_MS = 5;
    /** Errors kept per component in ZooKeeper. */
    private static final int ERRORS_KEPT = 10;
    /** How long a replaced link may take to finish its batch. */
    private static final long LINK_STOP_MS = 5000;

    private final String supervisorId;
    private final int port;
    private final String topologyId;
    private final ClusterState state;
    private final Worker worker;
    private volatile long assignmentVersion;
    /** The ids of the groups this worker runs, sorted. */
    private final List<Integer> myGroups;
    private final ClassLoader loader;
    private final DaemonConfig conf;
    private final MessagingClient.Settings clientSettings;
    private final String workerName;
    private final int heartbeatMs;
    private final MessagingServer server;
    /** TLS and the topology handshake of this worker's connections (both ways). */
    private final TransportSecurity transportSecurity;
    private final EventLoopGroup clientGroup;
    /** The link of each other worker's task group, by group id; replaced when the group moves. */
    private final Map<Integer, Peer> peers = new ConcurrentHashMap<>();
    private final InboundDispatcher.Counters inbound = new InboundDispatcher.Counters();
    private final AtomicLong oversizedTuples = new AtomicLong();
    private final CongestionSignaller congestionSignaller;
    /** Bytes sent and frames lost by the clients of links replaced after a group moved. */
    private final AtomicLong bytesOutClosed = new AtomicLong();
    private final AtomicLong framesLostClosed = new AtomicLong();
    private final Map<String, Long> errorsReportedUpTo = new HashMap<>();
    private final NimbusClient nimbus;
    private volatile MetricsReporter metricsReporter;
    /** The built-in metrics, registered in the worker's registry for the reporters. */
    private final WorkerMetrics workerMetrics;
    private volatile Reporters reporters;
    private volatile boolean running = true;

    private WorkerMain(String supervisorId, int port, String topologyId, Path codeDir, DaemonConfig conf)
            throws Exception {
        this.supervisorId = supervisorId;
        this.port = port;
        this.topologyId = topologyId;
        this.heartbeatMs = conf.getInt(ConfigKeys.WORKER_HEARTBEAT_FREQUENCY_MS);
        this.conf = conf;
        this.state = ClusterState.connect(conf);
        Assignment assignment = state.assignment(topologyId);
        TopologyInfo info = state.topology(topologyId);
        WorkerSlot me = assignment == null ? null : assignment.slot(supervisorId, port);
        if (me == null || info == null) {
            state.close();
            throw new Superseded("topology " + topologyId + " no longer assigns anything to " + supervisorId + ":"
                    + port);
        }
        this.assignmentVersion = assignment.version();
        this.myGroups = groupIds(me);
        this.workerName = me.name();
        @SuppressWarnings("unchecked")
        Map<String, Object> topoConf = new ObjectMapper().readValue(codeDir.resolve("conf.json").toFile(), Map.class);
        this.loader = new URLClassLoader(new URL[] {codeDir.resolve("topology.jar").toUri().toURL()},
                WorkerMain.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        StormTopology topology = TopologySerializer.deserialize(Files.readAllBytes(codeDir.resolve("topology.ser")),
                loader);
        this.worker = new Worker(topologyId, topology, topoConf, loader, false, Clock.SYSTEM,
                error -> exit(1, "the topology failed: " + error),
                new Worker.Placement(port, remoteTasks(assignment, me), info.executorOverrides(),
                        TopologyResources.extract(loader, codeDir.resolve("worker-" + port).resolve("resources")),
                        locations(assignment, supervisorId)));
        worker.setCredentials(state.credentials(topologyId)); // Before the tasks open, as Storm gives them.
        this.workerMetrics = new WorkerMetrics(worker, workerName);
        int maxFrame = conf.getInt(ConfigKeys.MESSAGING_MAX_FRAME_BYTES);
        int refreshMs = conf.getInt(ConfigKeys.MESSAGING_BACKPRESSURE_REFRESH_MS);
        int expiryMs = backpressureExpiryMs(conf, refreshMs);
        MessagingServer.Settings ss = new MessagingServer.Settings(maxFrame,
                conf.getInt(ConfigKeys.MESSAGING_INBOUND_CONNECTION_MAX_BYTES),
                conf.getInt(ConfigKeys.MESSAGING_INBOUND_MAX_BYTES), Math.max(1, expiryMs / 10));
        SecuritySettings security = SecuritySettings.of(conf);
        this.transportSecurity = TransportSecurity.of(security.tls(), security.secret() == null ? null
                : security.secret().topologySecret(topologyId));
        // Before any executor starts: DRPC spouts and result bolts sign their requests as this worker.
        WorkerIdentity.install(new WorkerIdentity(topologyId, security.secret() == null ? null
                : security.secret().topologySecret(topologyId), security.tls()));
        this.server = new MessagingServer(me.host(), port, ss, transportSecurity, () -> new InboundDispatcher(worker,
                newCodec(loader), () -> running, inbound, expiryMs));
        this.nimbus = NimbusClient.forWorker(conf, topologyId);
        // One thread carries all of the worker's transport: its clients and their links run on the server's event
        // loop. On a machine of few cores every thread more in the path of a tuple is a wait for a time slice.
        this.clientGroup = server.eventLoopGroup();
        this.clientSettings = new MessagingClient.Settings(conf.getInt(ConfigKeys.MESSAGING_RECONNECT_MIN_MS),
                conf.getInt(ConfigKeys.MESSAGING_RECONNECT_MAX_MS),
                conf.getInt(ConfigKeys.MESSAGING_WRITE_BUFFER_BYTES));
        for (WorkerSlot w : assignment.workers()) {
            if (w != me) {
                for (WorkerSlot.TaskGroup g : w.groups()) {
                    peers.put(g.id(), newPeer(g, w));
                }
            }
        }
        if (!peers.isEmpty()) {
            // Each executor encodes what it sends to other workers, with a Kryo of its own, while the tuples are still
            // in its core's cache; the links then only copy bytes into frames.
            worker.encodeOutboundWith(new OutboundEncoding(() -> newCodec(loader),
                    Math.min(conf.getInt(ConfigKeys.MESSAGING_BATCH_BYTES),
                            conf.getInt(ConfigKeys.MESSAGING_MAX_FRAME_BYTES) - 1)));
        }
        worker.metrics().register("worker", "netty.bytes-in", (Gauge<Long>) server::bytesIn);
        this.congestionSignaller = new CongestionSignaller(worker::executorsCongested,
                () -> peers.values().stream().map(Peer::client).toList(), refreshMs, System::nanoTime);
        worker.metrics().register("worker", "netty.bytes-out", (Gauge<Long>) () -> bytesOutClosed.get()
                + peers.values().stream().mapToLong(p -> p.client().bytesOut()).sum());
        worker.metrics().register("worker", "netty.frames-refused", (Gauge<Long>) server::refusedFrames);
        worker.metrics().register("worker", "netty.connections-refused", (Gauge<Long>) server::refusedConnections);
        worker.metrics().register("worker", "netty.tuples-oversized", (Gauge<Long>) oversizedTuples::get);
        worker.metrics().register("worker", "netty.congestion-expired", (Gauge<Long>) inbound::expiredCongestion);
    }

    /** The worker has nothing to run: its assignment moved on before it started. Not an error. */
    private static final class Superseded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Superseded(String message) {
            super(message);
        }
    }

    /** The client and link that carry one task group's tuples to the worker that runs it. */
    private record Peer(String workerName, MessagingClient client, OutboundLink link) { }

    private Peer newPeer(WorkerSlot.TaskGroup g, WorkerSlot w) {
        MessagingClient client = new MessagingClient(w.name(), w.host(), w.port(), clientGroup, clientSettings,
                transportSecurity);
        int maxFrame = conf.getInt(ConfigKeys.MESSAGING_MAX_FRAME_BYTES);
        ReceiveQueue out = worker.outboundQueues().get(g.queueName());
        OutboundLink link = new OutboundLink(out, client, newCodec(loader),
                new OutboundLink.Limits(conf.getInt(ConfigKeys.MESSAGING_BATCH_BYTES), maxFrame),
                new OversizedTuples(worker, out, maxFrame, oversizedTuples),
                error -> exit(1, "tuples for " + w.name() + " cannot be sent: " + error));
        return new Peer(w.name(), client, link);
    }

    private static List<Integer> groupIds(WorkerSlot w) {
        return w.groups().stream().map(WorkerSlot.TaskGroup::id).sorted().toList();
    }

    /**
     * Starts the topology's metric reporters (console, CSV, JMX, Prometheus) for this worker, named
     * {@code <topology>-<port>} so that workers sharing a machine keep apart. A reporter that cannot start
     * (a Prometheus port another worker of the topology holds) is logged; the worker runs without it.
     */
    private void startReporters() {
        String name = worker.settings().name() + "-" + port;
        try {
            reporters = Reporters.start(name, worker.metrics(), worker.metricsSettings());
        } catch (RuntimeException e) {
            LOG.warn("Metric reporters of {} not started: {}", name, e.getMessage());
        }
    }

    /**
     * {@code messaging.backpressure.expiry.ms}, or three refresh intervals if it is not longer than one: a peer's
     * congestion would otherwise expire between two of its refreshes.
     */
    private static int backpressureExpiryMs(DaemonConfig conf, int refreshMs) {
        int expiryMs = conf.getInt(ConfigKeys.MESSAGING_BACKPRESSURE_EXPIRY_MS);
        if (expiryMs > refreshMs) {
            return expiryMs;
        }
        LOG.warn("messaging.backpressure.expiry.ms ({}) must be more than messaging.backpressure.refresh.ms ({}); "
                + "using {} ms. Fix conf/squall.yaml or the -c options.", expiryMs, refreshMs, 3 * refreshMs);
        return 3 * refreshMs;
    }

    /**
     * Where every task of {@code assignment} runs, in Storm's terms, for the worker's contexts: each task to its
     * worker's supervisor and port, each supervisor to its host.
     */
    static WorkerTopologyContext.Locations locations(Assignment assignment, String supervisorId) {
        Map<Integer, NodeInfo> where = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        for (WorkerSlot w : assignment.workers()) {
            NodeInfo node = new NodeInfo(w.supervisorId(), Set.of((long) w.port()));
            w.tasks().forEach(t -> where.put(t, node));
            hosts.put(w.supervisorId(), w.host());
        }
        return new WorkerTopologyContext.Locations(supervisorId, where, hosts);
    }

    /** Every task of the other workers, to the outbound queue of its group. */
    private static Map<Integer, String> remoteTasks(Assignment assignment, WorkerSlot me) {
        Map<Integer, String> remote = new HashMap<>();
        for (WorkerSlot w : assignment.workers()) {
            if (w != me) {
                for (WorkerSlot.TaskGroup g : w.groups()) {
                    for (int t : g.tasks()) {
                        remote.put(t, g.queueName());
                    }
                }
            }
        }
        return remote;
    }

    /** A wire codec with its own Kryo, for one thread. */
    private WireCodec newCodec(ClassLoader loader) {
        TopologySettings s = worker.settings();
        return new WireCodec(KryoFactory.create(s, worker.context().getTopologyConf(), loader), worker.context());
    }

    private void run() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "worker-shutdown"));
        for (Peer p : peers.values()) {
            p.link().start();
        }
        worker.start(false);
        startReporters();
        metricsReporter = new MetricsReporter(workerMetrics, nimbus, worker.taps(), worker.eventLogging(),
                worker.metricsSettings().snapshotIntervalSecs());
        LOG.info("Worker {}:{} of {} runs {} executors, {} peers", supervisorId, port, topologyId,
                worker.executors().size(), peers.size());
        long pid = ProcessHandle.current().pid();
        // Backpressure goes out on the transport's thread, so a slow ZooKeeper in heartbeat() cannot delay it.
        congestionSignaller.start(clientGroup, BACKPRESSURE_CHECK_MS);
        while (running) {
            heartbeat(pid);
            Thread.sleep(heartbeatMs);
        }
    }

    private void heartbeat(long pid) {
        try {
            state.workerBeat(topologyId, supervisorId, port, new WorkerBeat(System.currentTimeMillis(),
                    assignmentVersion, pid));
            TopologyInfo info = state.topology(topologyId);
            Assignment a = state.assignment(topologyId);
            WorkerSlot me = a == null ? null : a.slot(supervisorId, port);
            if (info == null || me == null || !groupIds(me).equals(myGroups)) {
                exit(0, "its task groups changed or were removed");
                return;
            }
            if (a.version() != assignmentVersion) {
                followMovedGroups(a, me);
            }
            reportNewErrors();
            worker.setCredentials(state.credentials(topologyId)); // Changes nothing unless new ones were pushed.
            if (info.status() == TopologyStatus.ACTIVE && (worker.isActive() || allConnected())) {
                worker.activate();
            } else {
                worker.deactivate();
            }
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of {}:{} failed: {}", supervisorId, port, e.getMessage());
        }
    }

    /**
     * Points the link of every group that moved to another worker at that worker. The old link's last batch,
     * if any, went to a worker that is gone: its tuples time out and are replayed by their spouts.
     */
    private void followMovedGroups(Assignment a, WorkerSlot me) {
        for (WorkerSlot w : a.workers()) {
            if (w == me) {
                continue;
            }
            for (WorkerSlot.TaskGroup g : w.groups()) {
                Peer old = peers.get(g.id());
                if (old != null && !old.workerName().equals(w.name())) {
                    old.client().close();
                    old.link().stop();
                    if (!old.link().awaitStopped(LINK_STOP_MS)) {
                        exit(0, "the link of group " + g.id() + " did not stop; restarting to reconnect");
                        return;
                    }
                    bytesOutClosed.addAndGet(old.client().bytesOut());
                    framesLostClosed.addAndGet(old.client().lostFrames());
                    Peer moved = newPeer(g, w);
                    peers.put(g.id(), moved);
                    moved.link().start();
                    LOG.info("Task group {} moved from {} to {}; sending its tuples there", g.id(),
                            old.workerName(), w.name());
                }
            }
        }
        WorkerTopologyContext.Locations moved = locations(a, supervisorId);
        worker.context().getNodeToHost().set(moved.nodeToHost());
        worker.context().getTaskToNodePort().set(moved.taskToNodePort());
        assignmentVersion = a.version();
    }

    /** Writes the errors tasks reported since the last heartbeat to ZooKeeper, for Nimbus and the dashboard. */
    private void reportNewErrors() {
        for (String component : worker.stats().keySet()) {
            long upTo = errorsReportedUpTo.getOrDefault(component, 0L);
            List<TaskError> fresh = new ArrayList<>();
            for (ReportedError e : worker.errors().errors(component)) {
                if (e.timeMillis() > upTo) {
                    fresh.add(new TaskError(e.taskId(), e.timeMillis(), e.message(), workerName));
                }
            }
            if (!fresh.isEmpty()) {
                state.reportErrors(topologyId, component, fresh, ERRORS_KEPT);
                errorsReportedUpTo.put(component, fresh.get(fresh.size() - 1).timeMs());
            }
        }
    }

    /**
     * Whether every peer is connected. Spouts first start only then, so that tuples do not wait for a peer
     * that is still starting until they time out.
     */
    private boolean allConnected() {
        for (Peer p : peers.values()) {
            if (!p.client().isConnected()) {
                return false;
            }
        }
        return true;
    }

    private void exit(int code, String why) {
        LOG.info("Worker {}:{} of {} exits: {}", supervisorId, port, topologyId, why);
        running = false;
        Thread t = new Thread(() -> System.exit(code), "worker-exit");
        t.start();
    }

    private void stop() {
        running = false;
        if (metricsReporter != null) {
            metricsReporter.close();
            LOG.info("Worker {}:{}: {} metrics reports to Nimbus failed", supervisorId, port,
                    metricsReporter.failures());
        }
        worker.shutdown();
        Reporters r = reporters;
        if (r != null) {
            r.close();
        }
        workerMetrics.close();
        congestionSignaller.close();
        for (Peer p : peers.values()) {
            p.link().stop();
            p.client().close();
        }
        server.close();
        clientGroup.shutdownGracefully();
        state.close();
        LOG.info("Worker {}:{} stopped; {} malformed connections, {} refused connections, {} refused frames, {} "
                + "frames lost, {} incoming not delivered, {} oversized tuples failed, {} inbound pauses for full queues",
                supervisorId, port, server.malformedFrames(), server.refusedConnections(), server.refusedFrames(), framesLostClosed.get()
                        + peers.values().stream().mapToLong(p -> p.client().lostFrames()).sum(),
                inbound.droppedMessages(), oversizedTuples.get(), server.pauses());
    }

    /** Starts a worker; see the class comment for the arguments. */
    public static void main(String[] args) {
        StdStreamsToLog.install();
        if (args.length < 4) {
            System.err.println("Usage: WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID CODE_DIR [key=value...]");
            System.exit(2);
        }
        try {
            DaemonConfig conf = DaemonConfig.load(Arrays.asList(args).subList(4, args.length));
            new WorkerMain(args[0], Integer.parseInt(args[1]), args[2], Path.of(args[3]), conf).run();
        } catch (Superseded e) {
            LOG.info("Worker {}:{} of {} not started: {}", args[0], args[1], args[2], e.getMessage());
            System.exit(0);
        } catch (Throwable t) {
            LOG.error("Worker {}:{} of {} failed", args[0], args[1], args[2], t);
            System.exit(1);
        }
    }
}
