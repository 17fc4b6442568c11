package io.squall.daemon.worker;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
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
import io.squall.messaging.Frame;
import io.squall.messaging.InboundDispatcher;
import io.squall.messaging.MessagingClient;
import io.squall.messaging.MessagingServer;
import io.squall.messaging.OutboundLink;
import io.squall.messaging.WireCodec;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.metrics.report.Reporters;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.serialization.KryoFactory;
import io.squall.serialization.TopologySerializer;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker process a supervisor launches for one slot: reads its assignment from ZooKeeper, runs the
 * executors placed on it, serves its port for tuples from the topology's other workers, connects to them,
 * tells them when its own queues are congested, and heartbeats. It exits when its assignment changes or
 * goes away (the supervisor starts the new one) and when the topology fails.
 *
 * <p>Usage: {@code WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID CODE_DIR [key=value...]}.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
    /** How often the worker compares its own congestion with what it last told the others. */
    private static final long BACKPRESSURE_CHECK_MS = 5;
    /** The congestion state is resent this often even without change, for peers that reconnected. */
    private static final long BACKPRESSURE_RESEND_MS = 1000;
    /** Errors kept per component in ZooKeeper. */
    private static final int ERRORS_KEPT = 10;

    private final String supervisorId;
    private final int port;
    private final String topologyId;
    private final ClusterState state;
    private final Worker worker;
    private final long assignmentVersion;
    private final String workerName;
    private final int heartbeatMs;
    private final MessagingServer server;
    private final EventLoopGroup clientGroup;
    private final List<MessagingClient> clients = new ArrayList<>();
    private final List<OutboundLink> links = new ArrayList<>();
    private final AtomicLong droppedAtShutdown = new AtomicLong();
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
        this.state = ClusterState.connect(conf);
        Assignment assignment = state.assignment(topologyId);
        TopologyInfo info = state.topology(topologyId);
        WorkerSlot me = assignment == null ? null : assignment.slot(supervisorId, port);
        if (me == null || info == null) {
            throw new IllegalStateException("Topology " + topologyId + " assigns nothing to " + supervisorId + ":" + port);
        }
        this.assignmentVersion = assignment.version();
        this.workerName = me.name();
        @SuppressWarnings("unchecked")
        Map<String, Object> topoConf = new ObjectMapper().readValue(codeDir.resolve("conf.json").toFile(), Map.class);
        ClassLoader loader = new URLClassLoader(new URL[] {codeDir.resolve("topology.jar").toUri().toURL()},
                WorkerMain.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        StormTopology topology = TopologySerializer.deserialize(Files.readAllBytes(codeDir.resolve("topology.ser")),
                loader);
        this.worker = new Worker(topologyId, topology, topoConf, loader, false, Clock.SYSTEM,
                error -> exit(1, "the topology failed: " + error),
                new Worker.Placement(port, remoteTasks(assignment, me), info.executorOverrides()));
        this.workerMetrics = new WorkerMetrics(worker, workerName);
        int maxFrame = conf.getInt(ConfigKeys.MESSAGING_MAX_FRAME_BYTES);
        this.server = new MessagingServer(me.host(), port, maxFrame, () -> new InboundDispatcher(worker,
                newCodec(loader), () -> running, droppedAtShutdown));
        this.nimbus = NimbusClient.of(conf);
        this.clientGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("messaging-client", true));
        MessagingClient.Settings cs = new MessagingClient.Settings(conf.getInt(ConfigKeys.MESSAGING_RECONNECT_MIN_MS),
                conf.getInt(ConfigKeys.MESSAGING_RECONNECT_MAX_MS), conf.getInt(ConfigKeys.MESSAGING_WRITE_BUFFER_BYTES));
        for (WorkerSlot w : assignment.workers()) {
            if (w == me) {
                continue;
            }
            MessagingClient client = new MessagingClient(w.name(), w.host(), w.port(), clientGroup, cs);
            clients.add(client);
            links.add(new OutboundLink(worker.outboundQueues().get(w.name()), client, newCodec(loader),
                    conf.getInt(ConfigKeys.MESSAGING_BATCH_BYTES), maxFrame,
                    error -> exit(1, "tuples for " + w.name() + " cannot be sent: " + error)));
        }
        worker.metrics().register("worker", "netty.bytes-in", (Gauge<Long>) server::bytesIn);
        worker.metrics().register("worker", "netty.bytes-out", (Gauge<Long>) () ->
                clients.stream().mapToLong(MessagingClient::bytesOut).sum());
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

    /** Every task of the other workers, to that worker's name. */
    private static Map<Integer, String> remoteTasks(Assignment assignment, WorkerSlot me) {
        Map<Integer, String> remote = new HashMap<>();
        for (WorkerSlot w : assignment.workers()) {
            if (w != me) {
                for (int t : w.tasks()) {
                    remote.put(t, w.name());
                }
            }
        }
        return remote;
    }

    /** A wire codec with its own Kryo, for one thread. */
    private WireCodec newCodec(ClassLoader loader) {
        TopologySettings s = worker.settings();
        return new WireCodec(KryoFactory.create(s.kryoRegistrations(), s.fallBackOnJavaSerialization(), loader,
                List.of()), worker.context());
    }

    private void run() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "worker-shutdown"));
        for (OutboundLink l : links) {
            l.start();
        }
        worker.start(false);
        startReporters();
        metricsReporter = new MetricsReporter(workerMetrics, nimbus, worker.metricsSettings().snapshotIntervalSecs());
        LOG.info("Worker {}:{} of {} runs {} executors, {} peers", supervisorId, port, topologyId,
                worker.executors().size(), clients.size());
        long pid = ProcessHandle.current().pid();
        boolean toldCongested = false;
        long lastTold = 0;
        long nextBeat = 0;
        while (running) {
            long now = System.currentTimeMillis();
            boolean congested = worker.executorsCongested();
            if (congested != toldCongested || now - lastTold >= BACKPRESSURE_RESEND_MS) {
                for (MessagingClient c : clients) {
                    c.trySend(Frame.backpressure(congested));
                }
                toldCongested = congested;
                lastTold = now;
            }
            if (now >= nextBeat) {
                nextBeat = now + heartbeatMs;
                heartbeat(pid);
            }
            Thread.sleep(BACKPRESSURE_CHECK_MS);
        }
    }

    private void heartbeat(long pid) {
        try {
            state.workerBeat(topologyId, supervisorId, port, new WorkerBeat(System.currentTimeMillis(),
                    assignmentVersion, pid));
            TopologyInfo info = state.topology(topologyId);
            Assignment a = state.assignment(topologyId);
            if (info == null || a == null || a.version() != assignmentVersion || a.slot(supervisorId, port) == null) {
                exit(0, "its assignment changed or was removed");
                return;
            }
            reportNewErrors();
            if (info.status() == TopologyStatus.ACTIVE && (worker.isActive() || allConnected())) {
                worker.activate();
            } else {
                worker.deactivate();
            }
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of {}:{} failed: {}", supervisorId, port, e.getMessage());
        }
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
        for (MessagingClient c : clients) {
            if (!c.isConnected()) {
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
        for (OutboundLink l : links) {
            l.stop();
        }
        for (MessagingClient c : clients) {
            c.close();
        }
        server.close();
        clientGroup.shutdownGracefully();
        state.close();
        LOG.info("Worker {}:{} stopped; {} malformed connections, {} frames lost, {} incoming dropped at shutdown",
                supervisorId, port, server.malformedFrames(), clients.stream().mapToLong(MessagingClient::lostFrames)
                        .sum(), droppedAtShutdown.get());
    }

    /** Starts a worker; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("Usage: WorkerMain SUPERVISOR_ID PORT TOPOLOGY_ID CODE_DIR [key=value...]");
            System.exit(2);
        }
        try {
            DaemonConfig conf = DaemonConfig.load(Arrays.asList(args).subList(4, args.length));
            new WorkerMain(args[0], Integer.parseInt(args[1]), args[2], Path.of(args[3]), conf).run();
        } catch (Throwable t) {
            LOG.error("Worker {}:{} of {} failed", args[0], args[1], args[2], t);
            System.exit(1);
        }
    }
}
